import { HttpResponse } from 'msw';

/** A refusal as Backstage's error handler serialises it, for msw handlers. */
export function errorResponse(
  status: number,
  name: string,
  message: string,
): Response {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
    { status },
  );
}
