import { RangeSeries } from '../../providers/metrics/MetricsProvider';
import { promqlString } from '../../providers/metrics/sliQueries';
import { FailoverRole } from './types';

/*
 * The users' side of a failover: their request counters in Prometheus
 * (`http_requests_total` by region and code), read as raw samples so each
 * interval between two scrapes is known exactly: the finest resolution the
 * counters have. Plain JSON, stored in the run like the samples.
 */

/** Health checks and synthetic monitoring carry this route; they are not users. */
export const HEALTH_CHECK_ROUTE = '/healthz';

/** The user requests of both regions of a failover test. */
export function userRequestsSelector(regions: string[]): string {
  const alternatives = regions
    .map(r => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return `http_requests_total{region=~${promqlString(
    alternatives,
  )},route!=${promqlString(HEALTH_CHECK_ROUTE)}}`;
}

/**
 * The same moment on the backend's clock and on Prometheus'. A run keeps
 * the first one it could read (at the cut, or as soon after it as
 * Prometheus answered) and pairs it with each reading's own.
 */
export interface ClockAnchor {
  /** ISO 8601, backend clock. */
  backendAt: string;
  /** Epoch ms, Prometheus' clock (the evaluation time it stamped an answer with). */
  prometheusMs: number;
  /**
   * Half the round trip of the read: Prometheus stamped its answer somewhere
   * within this of `backendAt`. Absent in runs stored before it was kept.
   */
  uncertaintyMs?: number;
}

/** Users' requests between two scrapes, by the role of the region that got them. */
export interface TrafficInterval {
  /** Prometheus clock, epoch ms. */
  startMs: number;
  endMs: number;
  requests: Record<FailoverRole, number>;
  failed: Record<FailoverRole, number>;
}

export type UserTrafficReading =
  | {
      ok: true;
      query: string;
      /** When it was read, on both clocks: maps Prometheus' times onto the backend's. */
      anchor: ClockAnchor;
      intervals: TrafficInterval[];
    }
  | { ok: false; query: string; at: string; error: string };

const isFailure = (code: string | undefined) => /^5\d\d$/.test(code ?? '');

/**
 * Sums every series' increase per scrape interval. A counter that went down
 * was reset (its new value is the increase); a series that first appears
 * inside the range started from zero one scrape earlier (its first failures
 * are exactly what a failover test must not miss).
 */
export function aggregateIntervals(
  series: RangeSeries[],
  roleOfRegion: (region: string) => FailoverRole | undefined,
): TrafficInterval[] {
  const times = [
    ...new Set(series.flatMap(s => s.points.map(p => p.timestamp))),
  ].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const intervals = new Map<number, TrafficInterval>();
  const add = (i: number, role: FailoverRole, n: number, failed: boolean) => {
    if (i <= 0 || n <= 0) return;
    let interval = intervals.get(i);
    if (!interval) {
      interval = {
        startMs: times[i - 1],
        endMs: times[i],
        requests: { primary: 0, secondary: 0 },
        failed: { primary: 0, secondary: 0 },
      };
      intervals.set(i, interval);
    }
    interval.requests[role] += n;
    if (failed) interval.failed[role] += n;
  };
  for (const s of series) {
    const role = roleOfRegion(s.labels.region ?? '');
    if (!role || s.points.length === 0) continue;
    const failed = isFailure(s.labels.code);
    const points = [...s.points].sort((a, b) => a.timestamp - b.timestamp);
    const first = index.get(points[0].timestamp)!;
    if (first > 0) add(first, role, points[0].value, failed);
    for (let k = 1; k < points.length; k++) {
      const { value: v0 } = points[k - 1];
      const { value: v1, timestamp } = points[k];
      add(index.get(timestamp)!, role, v1 >= v0 ? v1 - v0 : v1, failed);
    }
  }
  // Scrapes where nothing was counted still mark an interval: users sent nothing.
  for (let i = 1; i < times.length; i++) {
    if (!intervals.has(i)) {
      intervals.set(i, {
        startMs: times[i - 1],
        endMs: times[i],
        requests: { primary: 0, secondary: 0 },
        failed: { primary: 0, secondary: 0 },
      });
    }
  }
  return [...intervals.values()].sort((a, b) => a.endMs - b.endMs);
}

/**
 * Maps Prometheus' clock onto the backend's from two moments seen on both:
 * an offset for skew and a rate for a clock that runs at another speed (the
 * sandbox's fast world; 1 against a real Prometheus).
 */
export function clockMapping(
  first: ClockAnchor,
  latest: ClockAnchor,
): {
  toBackendMs: (prometheusMs: number) => number;
  toPrometheusMs: (backendMs: number) => number;
  rate: number;
  /** False while the two anchors are too close to tell the rate (1 assumed). */
  measured: boolean;
} {
  const b0 = Date.parse(first.backendAt);
  const b1 = Date.parse(latest.backendAt);
  const p0 = first.prometheusMs;
  const p1 = latest.prometheusMs;
  // Under a second apart the request latencies would dominate the rate.
  const measured = b1 - b0 >= 1000 && p1 > p0;
  const rate = measured ? (p1 - p0) / (b1 - b0) : 1;
  return {
    toBackendMs: p => b0 + (p - p0) / rate,
    toPrometheusMs: b => p0 + (b - b0) * rate,
    rate,
    measured,
  };
}

/** An anchor this long after the cut was not read at it (the reads around a cut take ms). */
const LATE_ANCHOR_MS = 1000;

/**
 * The cut on Prometheus' clock, once it can be placed: at once from an
 * anchor read at the cut; from one read later (Prometheus did not answer
 * then) only when the rate between the clocks is known.
 */
export function cutOnPrometheusMs(
  cutAnchor: ClockAnchor,
  latest: ClockAnchor,
  cutMs: number,
): number | undefined {
  const clock = clockMapping(cutAnchor, latest);
  const late = Date.parse(cutAnchor.backendAt) - cutMs > LATE_ANCHOR_MS;
  return late && !clock.measured ? undefined : clock.toPrometheusMs(cutMs);
}

/**
 * How far (Prometheus ms) the cut placed by `cutOnPrometheusMs` may be off
 * because the rate between the clocks comes from two reads of known
 * uncertainty: the offset from the first anchor is scaled by a rate whose
 * error shrinks as the anchors grow apart. Undefined while the rate is not
 * measured.
 */
export function cutPlacementErrorMs(
  cutAnchor: ClockAnchor,
  latest: ClockAnchor,
  cutMs: number,
): number | undefined {
  const clock = clockMapping(cutAnchor, latest);
  if (!clock.measured) return undefined;
  const apartMs =
    Date.parse(latest.backendAt) - Date.parse(cutAnchor.backendAt);
  const readsMs = (cutAnchor.uncertaintyMs ?? 0) + (latest.uncertaintyMs ?? 0);
  const offsetMs = Math.abs(cutMs - Date.parse(cutAnchor.backendAt));
  return (offsetMs * clock.rate * readsMs) / apartMs;
}
