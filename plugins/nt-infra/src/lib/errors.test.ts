import { ResponseError } from '@backstage/errors';
import { errorMessage, localiseInstants } from './errors';
import { formatDateTime } from './format';

async function refusal(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

describe('errorMessage', () => {
  it("shows the server's reason with the status, instants in the portal's date format", async () => {
    const message = errorMessage(
      await refusal(
        'no approved production chaos window at 2026-12-02T19:05:00.000Z (next starts 2026-12-03T08:00:00Z)',
      ),
    );
    expect(message).toBe(
      `no approved production chaos window at ${formatDateTime(
        '2026-12-02T19:05:00.000Z',
      )} (next starts ${formatDateTime('2026-12-03T08:00:00Z')}) (409)`,
    );
    expect(message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    // The portal's format: day, month name, 24-hour time and the zone.
    expect(formatDateTime('2026-12-02T19:05:00.000Z', 'UTC')).toBe(
      '2 Dec 2026, 19:05:00 UTC',
    );
  });

  it('leaves dates without a zone, and other text, as they are', () => {
    expect(localiseInstants('day 2026-12-02, local 2026-12-02T19:05')).toBe(
      'day 2026-12-02, local 2026-12-02T19:05',
    );
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
