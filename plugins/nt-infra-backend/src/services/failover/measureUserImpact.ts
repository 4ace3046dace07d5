import {
  FailoverDrain,
  FailoverRto,
  FailoverTraffic,
  FailoverTrafficPoint,
} from '@internal/plugin-nt-infra-common';
import { PrimaryCutMethod } from './types';
import {
  ClockAnchor,
  clockMapping,
  cutOnPrometheusMs,
  TrafficInterval,
  UserTrafficReading,
} from './userTraffic';

/** Intervals before the cut kept on the curve, to show the steady state it left. */
const CONTEXT_INTERVALS = 2;

export interface UserImpactInput {
  method: PrimaryCutMethod;
  /** Backend clock, ISO. */
  cutAt: string;
  /**
   * The first moment read on both clocks: at the cut, or later when
   * Prometheus did not answer then. Without it the counters cannot be placed.
   */
  cutAnchor?: ClockAnchor;
  reading?: UserTrafficReading;
  /** Share of failing requests the SLO allows (0.001 for 99.9 %). */
  errorObjective: number;
  /** Consecutive intervals under the objective that make a recovery sustained. */
  sustainedIntervals: number;
  /** The portal's own DNS view: when the answer switched, seconds after the cut. */
  dnsSwitchSeconds?: number;
  /** The profile's TTL, seconds of the world's clock (Prometheus'). */
  ttlSeconds: number;
  /** Backend seconds after the cut of the latest sample: how far the run has looked. */
  observedSeconds: number;
  /**
   * Backend clock, ISO: when the primary was given back. Traffic after it is
   * the failback, drawn on the curve but not judged as the failover.
   */
  restoreAt?: string;
}

export interface UserImpact {
  traffic?: FailoverTraffic;
  /** Unhealthy method: when users were served again, once it is known. */
  rto?: FailoverRto;
  /** Disable-endpoint method. */
  drain?: FailoverDrain;
}

const round = (v: number) => Number(v.toFixed(3));

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function point(
  i: TrafficInterval,
  toSeconds: (ms: number) => number,
): FailoverTrafficPoint {
  const requests = i.requests.primary + i.requests.secondary;
  const failed = i.failed.primary + i.failed.secondary;
  return {
    startSeconds: round(toSeconds(i.startMs)),
    endSeconds: round(toSeconds(i.endMs)),
    requests: round(requests),
    failed: round(failed),
    errorRatio: requests > 0 ? failed / requests : undefined,
    primaryShare: requests > 0 ? i.requests.primary / requests : undefined,
    secondaryShare: requests > 0 ? i.requests.secondary / requests : undefined,
  };
}

/**
 * The last interval that was still "bad" (users failing, or users still on the
 * primary) followed by enough good ones; undefined while that is not yet known.
 * `index` -1: no bad interval after the cut at all.
 */
function lastBad(
  points: FailoverTrafficPoint[],
  bad: (p: FailoverTrafficPoint) => boolean,
  sustained: number,
): { index: number } | undefined {
  // Intervals without requests say nothing either way: not counted as good.
  let good = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p.requests > 0 && bad(p))
      return good >= sustained ? { index: i } : undefined;
    if (p.requests > 0) good++;
  }
  return good >= sustained ? { index: -1 } : undefined;
}

/**
 * When users were served again (unhealthy) or had moved (drain), from the
 * counters, narrowed by the portal's DNS view: not before the switch, and
 * not after switch + TTL while the counters allow that. The latest moment
 * both allow is taken, so the figure never flatters. The counters are only
 * placed on the backend's clock within `slack` seconds: a bracket missing
 * the bounds by less is not called outside them.
 */
function settle(
  points: FailoverTrafficPoint[],
  found: { index: number },
  lower: number | undefined,
  upper: number | undefined,
  slack: number,
) {
  const p = found.index >= 0 ? points[found.index] : undefined;
  const bracket: [number, number] = p
    ? [Math.max(0, p.startSeconds), Math.max(0, p.endSeconds)]
    : [0, 0];
  const lo = Math.max(bracket[0], lower ?? -Infinity);
  const hi = Math.min(bracket[1], upper ?? Infinity);
  const consistent = !p || lo <= hi;
  return {
    seconds: round(consistent && p ? hi : bracket[1]),
    bracket,
    outsideBounds: !p || lo <= hi + slack ? undefined : true,
  };
}

/** The users' failover, from their request counters; pure, re-evaluated on every tick. */
export function measureUserImpact(input: UserImpactInput): UserImpact {
  const { reading, cutAnchor, method } = input;
  const ttl = input.ttlSeconds;
  if (!reading || !cutAnchor) return {};
  if (!reading.ok) {
    return {
      traffic: {
        query: reading.query,
        errorObjective: input.errorObjective,
        points: [],
        error: reading.error,
      },
    };
  }
  const cutMs = Date.parse(input.cutAt);
  const clock = clockMapping(cutAnchor, reading.anchor);
  const cutPrometheusMs = cutOnPrometheusMs(cutAnchor, reading.anchor, cutMs);
  if (cutPrometheusMs === undefined) return {};
  const toSeconds = (ms: number) => (clock.toBackendMs(ms) - cutMs) / 1000;
  const firstAfter = reading.intervals.findIndex(
    i => i.endMs > cutPrometheusMs,
  );
  const kept =
    firstAfter < 0
      ? []
      : reading.intervals.slice(Math.max(0, firstAfter - CONTEXT_INTERVALS));
  const points = kept.map(i => point(i, toSeconds));
  const restoreSeconds =
    input.restoreAt === undefined
      ? Infinity
      : (Date.parse(input.restoreAt) - cutMs) / 1000;
  const after = points.filter(
    p => p.endSeconds > 0 && p.endSeconds <= restoreSeconds,
  );
  const resolution = median(points.map(p => p.endSeconds - p.startSeconds));
  const traffic: FailoverTraffic = {
    query: reading.query,
    resolutionSeconds: resolution === undefined ? undefined : round(resolution),
    errorObjective: input.errorObjective,
    points,
  };
  // Both bounds rounded alike: with a TTL of 0 an unrounded lower bound could
  // sit a fraction of a millisecond above the rounded upper one, an empty
  // window that would throw the RTO to the end of the counters' interval.
  const lower =
    input.dnsSwitchSeconds === undefined
      ? undefined
      : round(input.dnsSwitchSeconds);
  // The TTL runs on the world's clock, which is Prometheus'.
  const upper =
    lower === undefined ? undefined : round(lower + ttl / clock.rate);
  // Between the two anchors a placement is off by at most the larger error.
  const slackMs = Math.max(
    cutAnchor.uncertaintyMs ?? 0,
    reading.anchor.uncertaintyMs ?? 0,
  );
  const slack = round(slackMs / 1000);
  const bounds = {
    lowerBoundSeconds: lower,
    upperBoundSeconds: upper,
    clockUncertaintySeconds: slackMs > 0 ? slack : undefined,
  };

  if (method === 'unhealthy') {
    const found = lastBad(
      after,
      p => (p.errorRatio ?? 0) > input.errorObjective,
      input.sustainedIntervals,
    );
    if (!found) return { traffic };
    const s = settle(after, found, lower, upper, slack);
    return {
      traffic,
      rto: {
        seconds: s.seconds,
        source: 'traffic',
        resolutionSeconds: traffic.resolutionSeconds,
        ...bounds,
        trafficWithinSeconds: s.bracket,
        outsideBounds: s.outsideBounds,
      },
    };
  }
  const found = lastBad(
    after,
    p => (p.primaryShare ?? 0) > input.errorObjective,
    input.sustainedIntervals,
  );
  const during = found ? after.slice(0, found.index + 1) : after;
  const drain: FailoverDrain = {
    source: 'traffic',
    resolutionSeconds: traffic.resolutionSeconds,
    ...bounds,
    failedRequests: round(during.reduce((sum, p) => sum + p.failed, 0)),
    requests: round(during.reduce((sum, p) => sum + p.requests, 0)),
  };
  if (found)
    drain.movedSeconds = settle(after, found, lower, upper, slack).seconds;
  return { traffic, drain };
}

/**
 * Whether the users' counters can give no RTO or drain at all, so the run may
 * fall back to switch + TTL: no Prometheus clock at the cut, no good read, or
 * no user series for the two regions. Counters that are readable but have no
 * interval after the cut yet are only early: with a short TTL, switch + TTL
 * can pass before the next scrape comes in.
 */
export function countersUnusable(
  cutAnchor: ClockAnchor | undefined,
  reading: UserTrafficReading | undefined,
): boolean {
  if (!cutAnchor || !reading || !reading.ok) return true;
  return reading.intervals.length === 0;
}

/**
 * Without readable counters: the latest a client honouring the TTL can still
 * hold the primary's answer, once the run has looked that far.
 */
export function fallbackRecovery(
  input: Pick<
    UserImpactInput,
    'dnsSwitchSeconds' | 'ttlSeconds' | 'observedSeconds'
  >,
): number | undefined {
  if (input.dnsSwitchSeconds === undefined) return undefined;
  const upper = input.dnsSwitchSeconds + input.ttlSeconds;
  return input.observedSeconds >= upper ? round(upper) : undefined;
}
