import { LoggerService } from '@backstage/backend-plugin-api';
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
 * connection errors, timeouts) a bounded number of times with exponential
 * backoff and jitter, then throws the mapped provider error. Client errors
 * are never retried: the same request would be refused again.
 */
export async function withRetries<T>(
  cluster: string,
  operation: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  logger: LoggerService,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = describeFailure(error);
      if (!failure.transient || attempt > policy.maxRetries) {
        throw toProviderError(cluster, failure, attempt);
      }
      // Full jitter keeps several reconcilers from retrying in lockstep.
      const delay =
        policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      logger.warn(
        `Kubernetes ${operation} on cluster '${cluster}' failed (attempt ${attempt}): ${
          failure.message
        }; retrying in ${Math.round(delay)} ms`,
      );
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}
