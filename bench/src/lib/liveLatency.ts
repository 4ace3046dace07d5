import { quantile } from './stats';

/** A run's recorded state change, as `GET /api/nt-infra/runs/:id` lists it. */
export interface RecordedTransition {
  to: string;
  /** ISO 8601, stamped by the backend (its Date.now()) when it stored the change. */
  at: string;
}

/**
 * When the backend stored the run's latest move into `state`, in epoch ms.
 * The latest: a run that passes through a state twice is shown by its last.
 */
export function transitionAt(
  transitions: RecordedTransition[],
  state: string,
): number | undefined {
  for (let i = transitions.length - 1; i >= 0; i--) {
    if (transitions[i].to === state) {
      const at = Date.parse(transitions[i].at);
      return Number.isFinite(at) ? at : undefined;
    }
  }
  return undefined;
}

/**
 * Stored → shown, in ms, for each viewer's first sight of the state (the
 * browser's Date.now() in a MutationObserver). Backend, bench and browser
 * run on one machine and read the same system clock, so epoch ms compare
 * directly; a sight before the store is impossible and means the clocks
 * disagree, so it is refused rather than counted as a fast update.
 */
export function sightLatencies(storedAt: number, seenAt: number[]): number[] {
  return seenAt.map(seen => {
    const latency = seen - storedAt;
    if (latency < 0) {
      throw new Error(
        `a viewer showed the state ${-latency} ms before the backend stored it: the clocks disagree`,
      );
    }
    return latency;
  });
}

/** p50, p95 and max of latencies in ms, as seconds. */
export function latencySummary(latenciesMs: number[]) {
  const s = (ms: number) => ms / 1000;
  return {
    n: latenciesMs.length,
    p50: s(quantile(latenciesMs, 0.5)),
    p95: s(quantile(latenciesMs, 0.95)),
    max: latenciesMs.length ? s(Math.max(...latenciesMs)) : NaN,
  };
}

/** Requests per viewer per minute over a measurement window. */
export function perViewerMinute(
  requests: number,
  viewers: number,
  windowMs: number,
): number {
  if (viewers <= 0 || windowMs <= 0) return NaN;
  return requests / viewers / (windowMs / 60_000);
}
