import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed request. A ResponseError's own message is
 * only "Request failed with 409 Conflict"; the reason people need (which
 * policy refused, which field is wrong) is the server's, in the body.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const serverMessage = error.body?.error?.message;
    return serverMessage
      ? `${serverMessage} (${error.statusCode})`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
