import { LoggerService } from '@backstage/backend-plugin-api';
import { retryTransient } from '../retryTransient';
import { describeFailure, toProviderError } from './kubernetesErrors';

export interface RetryPolicy {
  /** Further attempts after the first (default 2). */
  maxRetries: number;
  /** Delay before the first retry, doubled for each further one. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 250,
};

/**
 * Runs one Kubernetes API call, retrying transient failures (5xx, 429,
 * connection errors, timeouts) a bounded number of times, then throws the
 * mapped provider error. Client errors are never retried: the same request
 * would be refused again.
 */
export function withRetries<T>(
  cluster: string,
  operation: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  logger: LoggerService,
): Promise<T> {
  return retryTransient(
    call,
    (thrown, attempt) => {
      const failure = describeFailure(thrown);
      return {
        error: toProviderError(cluster, failure, attempt),
        transient: failure.transient,
        logAs: `Kubernetes ${operation} on cluster '${cluster}' failed: ${failure.message}`,
      };
    },
    { maxRetries: policy.maxRetries, baseDelayMs: policy.baseDelayMs, logger },
  );
}
