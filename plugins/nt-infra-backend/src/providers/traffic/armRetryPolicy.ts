import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  isRestError,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  RestError,
  SendRequest,
} from '@azure/core-rest-pipeline';
import type { ArmRetryOptions } from './readAzureConfig';

/*
 * Why our own retry policy instead of the SDK's (retryOptions): measured with
 * @azure/arm-trafficmanager 6.1 / core-rest-pipeline 1.25 against msw, the
 * default policy
 * - does retry 5xx, and 429 with Retry-After, honouring the header (three
 *   retries of `429, Retry-After: 1` took 3 s) but never capping it:
 *   `Retry-After: 3600` would hold a portal request for an hour;
 * - does not retry a 429 without Retry-After;
 * - does not retry timeouts: `requestOptions.timeout` aborts the request and
 *   the resulting REQUEST_SEND_ERROR is thrown after one attempt.
 * This policy replaces it in the pipeline's Retry phase, so deserialisation
 * still happens once, on the final response, and every attempt is signed
 * again (a fresh token if the previous one expired while we waited).
 * Retrying the PATCHes is safe: they set absolute values.
 */

/** Code of the error thrown when an attempt gets no response in time. */
export const ARM_TIMEOUT_CODE = 'ETIMEDOUT';

/** Transport failures worth another attempt; TLS and DNS misconfiguration are not. */
const RETRYABLE_ERROR_CODES = new Set([
  ARM_TIMEOUT_CODE,
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  'ESOCKETTIMEDOUT',
]);

// Attempts per request, so an error message can say how hard we tried.
const attemptsByRequest = new WeakMap<PipelineRequest, number>();

/** How many attempts the retry policy made for `request` (1 when it made none). */
export function attemptsOf(request: PipelineRequest | undefined): number {
  return (request && attemptsByRequest.get(request)) ?? 1;
}

export function isRetryableStatus(status: number): boolean {
  // 501 and 505 will not change on a retry; every other 5xx may.
  return (
    status === 408 ||
    status === 429 ||
    (status >= 500 && status !== 501 && status !== 505)
  );
}

/** Milliseconds ARM asks us to wait (Retry-After in seconds or as a date, or Azure's ms variants). */
export function retryAfterMs(response: PipelineResponse): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(response.headers.get(name));
    if (response.headers.get(name) && Number.isFinite(ms) && ms >= 0) {
      return ms;
    }
  }
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function backoffMs(retry: number, options: ArmRetryOptions): number {
  const ceiling = Math.min(
    options.maxRetryDelayMs,
    options.retryDelayMs * 2 ** (retry - 1),
  );
  // Half fixed, half random: replicas retrying together do not stampede ARM.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, request: PipelineRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const signal = request.abortSignal;
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new RestError('The request was aborted', { request }));
    }
    signal?.addEventListener('abort', onAbort);
  });
}

type Attempt =
  | { response: PipelineResponse; error?: undefined }
  | { error: unknown; response?: undefined };

/**
 * One attempt bounded by `timeoutMs`, covering the token, the connection and
 * the whole body (a server that sends headers and then stalls is a timeout
 * too). The caller's abort signal still cancels it.
 */
async function attemptOnce(
  request: PipelineRequest,
  next: SendRequest,
  timeoutMs: number,
): Promise<Attempt> {
  const callerSignal = request.abortSignal;
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      resolve('timeout');
    }, timeoutMs);
  });
  request.abortSignal = controller.signal;
  const timeoutError = () =>
    new RestError(`No response within ${timeoutMs} ms`, {
      code: ARM_TIMEOUT_CODE,
      request,
    });
  try {
    const sending = next(request);
    // The losing side of the race must not become an unhandled rejection.
    sending.catch(() => undefined);
    const result = await Promise.race([sending, deadline]);
    return result === 'timeout'
      ? { error: timeoutError() }
      : { response: result };
  } catch (error) {
    if (timedOut) return { error: timeoutError() };
    return { error };
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
    request.abortSignal = callerSignal;
  }
}

export function armRetryPolicy(
  options: ArmRetryOptions & { timeoutMs: number; logger: LoggerService },
): PipelinePolicy {
  const { maxRetries, maxRetryDelayMs, timeoutMs, logger } = options;
  return {
    name: 'ntInfraArmRetry',
    async sendRequest(request, next) {
      const what = `${request.method} ${new URL(request.url).pathname}`;
      for (let attempt = 1; ; attempt++) {
        attemptsByRequest.set(request, attempt);
        const { response, error } = await attemptOnce(request, next, timeoutMs);
        if (request.abortSignal?.aborted) {
          throw new RestError('The request was aborted', { request });
        }
        const last = attempt > maxRetries;
        let waitMs: number;
        let reason: string;
        if (response) {
          // Non-retryable statuses go on to deserialisation, which turns 4xx
          // into a RestError carrying ARM's code and message.
          if (last || !isRetryableStatus(response.status)) return response;
          const asked = retryAfterMs(response);
          if (asked !== undefined && asked > maxRetryDelayMs) {
            logger.warn(
              `${what}: ARM asks to retry after ${asked} ms, more than ${maxRetryDelayMs} ms; giving up`,
            );
            return response;
          }
          waitMs = asked ?? backoffMs(attempt, options);
          reason = `HTTP ${response.status}`;
        } else {
          const code = isRestError(error) ? error.code : undefined;
          if (last || !code || !RETRYABLE_ERROR_CODES.has(code)) throw error;
          waitMs = backoffMs(attempt, options);
          reason = code;
        }
        logger.warn(
          `${what}: ${reason} on attempt ${attempt} of ${
            maxRetries + 1
          }; retrying in ${Math.round(waitMs)} ms`,
        );
        await sleep(waitMs, request);
      }
    },
  };
}
