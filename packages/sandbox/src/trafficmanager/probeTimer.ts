/** Longest single wait; the probe's timeout is made of these. */
const SLICE_MS = 25;
/** How late a slice may fire and still count in full (timer jitter on a busy loop). */
const SLACK_MS = 25;

/**
 * Calls `onTimeout` once `timeoutMs` of time this process could run has
 * passed; returns a function that cancels it.
 *
 * The sandbox's apps and its Traffic Manager share one Node process. When a
 * loaded machine starves that process, a single timer armed for the probe's
 * timeout (250 ms of real time for 5 s of world time at speed 20) fires after
 * the stall, in the timers phase, before the poll phase has read the answer
 * the app sent long ago: a healthy endpoint is judged to have timed out, and
 * two such probes mark it Degraded, which no real probe agent on its own
 * machine would see. So the wait is taken in short slices, and a slice that
 * fired much later than asked counts only as long as it was asked to. An app
 * that really does not answer still times out, after the full timeout of
 * running time.
 */
export function startProbeTimer(
  timeoutMs: number,
  onTimeout: () => void,
): () => void {
  let waited = 0;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const asked = Math.min(SLICE_MS, timeoutMs - waited);
    const armedAt = performance.now();
    timer = setTimeout(() => {
      waited += Math.min(performance.now() - armedAt, asked + SLACK_MS);
      if (waited >= timeoutMs) onTimeout();
      else arm();
    }, asked);
  };
  arm();
  return () => clearTimeout(timer);
}
