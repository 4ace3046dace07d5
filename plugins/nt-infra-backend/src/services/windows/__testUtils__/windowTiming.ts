/**
 * How far ahead a test opens a real-time window: it is requested, refused to
 * its requester and approved (a begun window can no longer be decided) before
 * it starts, three HTTP calls that take seconds on a loaded machine.
 */
export const WINDOW_LEAD_MS = 15_000;

/** How long after its start a window may take to admit runs before the test fails. */
const OPENING_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

/** A window start far enough ahead for the calls that must come before it. */
export function windowStart(now = Date.now()): Date {
  return new Date(now + WINDOW_LEAD_MS);
}

/**
 * Tries `attempt` (a request the window admits) from `startsAt` on, every
 * 250 ms while it answers 409 (the window not open yet by the server's clock),
 * and returns the first other answer, or the last 409 a minute after the start.
 * Polled instead of slept to the second: the server decides when it is open.
 */
export async function whenWindowOpens<T extends { status: number }>(
  startsAt: Date,
  attempt: () => Promise<T>,
): Promise<T> {
  const deadline = startsAt.getTime() + OPENING_TIMEOUT_MS;
  await new Promise(r =>
    setTimeout(r, Math.max(0, startsAt.getTime() - Date.now())),
  );
  for (;;) {
    const answer = await attempt();
    if (answer.status !== 409 || Date.now() > deadline) return answer;
    await new Promise(r => setTimeout(r, POLL_MS));
  }
}
