import { isRestError, RestError } from '@azure/core-rest-pipeline';
import {
  ConflictError,
  ForwardedError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ARM_TIMEOUT_CODE, attemptsOf, retryAfterMs } from './armRetryPolicy';

/**
 * Turns what the Azure SDK throws into a Backstage error whose name the
 * backend's error handler maps to an HTTP status, and whose message says what
 * was asked, what ARM answered (its error code and message) and how hard we
 * tried:
 * - 400/422 → InputError (e.g. a priority ARM rejects), 404 → NotFoundError,
 *   409/412 → ConflictError;
 * - 408/429/5xx, timeouts and connection failures → ServiceUnavailableError;
 * - anything else (401/403 of the portal's own identity, an unparseable body)
 *   → a plain Error: a server-side problem, not the caller's.
 */
export function toTrafficManagerError(
  error: unknown,
  operation: string,
): Error {
  if (!isRestError(error)) {
    // E.g. a credential that cannot get a token, or an unreadable CA file.
    // ForwardedError adds the operation and keeps the cause's name.
    return new ForwardedError(operation, error);
  }
  const attempts = attemptsOf(error.request);
  const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  const status = error.statusCode;

  if (status === undefined || error.code === RestError.PARSE_ERROR) {
    return transportError(error, operation, tried);
  }

  const armCode =
    error.code && error.code !== RestError.REQUEST_SEND_ERROR
      ? `${error.code}: `
      : '';
  const asked = error.response && retryAfterMs(error.response);
  const retryAfter =
    status === 429 && asked !== undefined
      ? `; ARM asks to retry after ${Math.ceil(asked / 1000)} s`
      : '';
  const message = `${operation}: Azure Resource Manager answered HTTP ${status} ${armCode}${error.message}${tried}${retryAfter}`;

  if (status === 400 || status === 422) return new InputError(message);
  if (status === 404) return new NotFoundError(message);
  if (status === 409 || status === 412) return new ConflictError(message);
  if (status === 408 || status === 429 || status >= 500) {
    return new ServiceUnavailableError(message);
  }
  return new Error(message);
}

function transportError(
  error: RestError,
  operation: string,
  tried: string,
): Error {
  if (error.code === RestError.PARSE_ERROR) {
    // The SDK's message embeds the whole body; keep only the parser's verdict.
    const reason = /^Error "([^"]*)"/.exec(error.message)?.[1] ?? error.message;
    return new Error(
      `${operation}: Azure Resource Manager answered with a body that is not valid JSON (${reason})`,
    );
  }
  if (error.code === ARM_TIMEOUT_CODE) {
    return new ServiceUnavailableError(
      `${operation}: Azure Resource Manager did not answer: ${error.message}${tried}`,
    );
  }
  return new ServiceUnavailableError(
    `${operation}: cannot reach Azure Resource Manager: ${error.message}${
      error.code ? ` (${error.code})` : ''
    }${tried}`,
  );
}
