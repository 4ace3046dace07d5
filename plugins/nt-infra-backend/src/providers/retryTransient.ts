import { LoggerService } from '@backstage/backend-plugin-api';

export interface RetryOptions {
  /** Further attempts after the first. */
  maxRetries: number;
  /** Delay before the first retry, doubled for each further one. */
  baseDelayMs: number;
  logger: LoggerService;
}

/**
 * Runs one upstream call, retrying transient failures a bounded number of
 * times with exponential backoff. `classify` turns what was thrown into the
 * error to report and says whether the same request may succeed again (5xx,
 * 429, timeouts, lost connections); anything else is thrown at once.
 */
export async function retryTransient<T>(
  call: () => Promise<T>,
  classify: (
    thrown: unknown,
    attempt: number,
  ) => {
    error: Error;
    transient: boolean;
    /** What a retry logs (default: the error's message). */
    logAs?: string;
  },
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (thrown) {
      const { error, transient, logAs } = classify(thrown, attempt);
      if (!transient || attempt > options.maxRetries) throw error;
      // Full jitter keeps several replicas from retrying in lockstep.
      const delay =
        options.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      options.logger.warn(
        `${
          logAs ?? error.message
        } (attempt ${attempt}); retrying in ${Math.round(delay)} ms`,
      );
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}
