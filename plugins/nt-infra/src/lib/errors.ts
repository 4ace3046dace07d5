import { ResponseError } from '@backstage/errors';
import { formatDateTime } from './format';

/** An instant with its zone, as the backend writes them (`toISOString`). */
const ISO_INSTANT =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})(?![\w:])/g;

/**
 * The backend names instants in ISO 8601 UTC; everywhere else the portal
 * shows the browser's time with its zone. One format on screen, so a refusal
 * ("window ends at …") reads against the times beside it.
 */
export function localiseInstants(message: string): string {
  return message.replace(ISO_INSTANT, iso => formatDateTime(iso));
}

/**
 * The message to show for a failed request. A ResponseError's own message is
 * only "Request failed with 409 Conflict"; the reason people need (which
 * policy refused, which field is wrong) is the server's, in the body.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const serverMessage = error.body?.error?.message;
    return serverMessage
      ? `${localiseInstants(serverMessage)} (${error.statusCode})`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
