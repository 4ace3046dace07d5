import {
  FailoverDrain,
  FailoverRto,
  FailoverTraffic,
} from '@internal/plugin-nt-infra-common';
import { evaluateHoldDown } from './holdDown';
import { fallbackRecovery, measureUserImpact } from './measureUserImpact';
import {
  FailoverRole,
  FailoverSample,
  FailoverTiming,
  PrimaryCutMethod,
  ReplicationLagReading,
} from './types';
import { ClockAnchor, UserTrafficReading } from './userTraffic';

export const DEFAULT_SUSTAINED_SUCCESSES = 3;
/** The availability SLO is 99.9 %: users are served again under 0.1 % failing requests. */
export const DEFAULT_ERROR_OBJECTIVE = 0.001;
export const DEFAULT_RTO_TARGET_SECONDS = 300;
export const DEFAULT_RPO_TARGET_SECONDS = 60;

export interface MeasureFailoverOptions {
  /** Consecutive good samples that count as "serving again" (default 3). */
  sustainedSuccesses?: number;
  rtoTargetSeconds?: number;
  rpoTargetSeconds?: number;
  /** Share of failing user requests the SLO allows (default 0.001). */
  errorObjective?: number;
}

export interface MeasureFailoverInput {
  /** When the primary was taken out (the run engine's record of it). */
  cut: { at: string; method: PrimaryCutMethod };
  timing: FailoverTiming;
  /** In the order they were taken. Samples before the cut are ignored. */
  samples: FailoverSample[];
  /** Read at the cut; absent until it has been read. */
  replicationLag?: ReplicationLagReading;
  /** When the primary was given back (endpoint enabled, fault removed). */
  restore?: { at: string; holdDownSeconds?: number };
  /** Prometheus' clock at the cut, to place the counters on the backend's. */
  cutAnchor?: ClockAnchor;
  /** The latest reading of the users' request counters. */
  traffic?: UserTrafficReading;
  options?: MeasureFailoverOptions;
}

/** A moment of the run and how long after its reference (cut or restore) it came. */
export interface Moment {
  at: string;
  seconds: number;
}

/**
 * `pending`: not decided yet (still inside the target). `inconclusive`: the
 * evidence is missing (e.g. Prometheus unreadable), so no pass is claimed.
 */
export type Verdict =
  | 'passed'
  | 'failed'
  | 'pending'
  | 'inconclusive'
  | 'not-applicable';

export interface FailoverMeasurement {
  cutAt: string;
  method: PrimaryCutMethod;
  samples: {
    afterCut: number;
    dnsUnavailable: number;
    trafficManagerUnavailable: number;
  };
  /** Traffic Manager reports the primary Degraded (or Disabled, when disabled). */
  detection?: Moment;
  /** DNS first answers the secondary. */
  dnsSwitch?: Moment;
  /** When every resolver that cached the primary has expired it (switch + TTL). */
  clientsConvergedBy?: string;
  /**
   * The portal's uncached resolver: first of N consecutive samples with DNS on
   * the secondary and the secondary answering. A phase: it sees nothing of the
   * clients' cached answers.
   */
  resolverServed?: Moment;
  /** Unhealthy method: users served again (see FailoverRto), the headline. */
  rto?: FailoverRto & { at: string };
  /** Disable-endpoint method: the planned drain, no RTO. */
  drain?: FailoverDrain;
  /** The users' request counters around the cut. */
  traffic?: FailoverTraffic;
  /** Median gap between the portal's own samples: how finely its moments are placed. */
  samplingResolutionSeconds?: number;
  rpo?: { seconds: number; timestamp: string };
  /** Traffic Manager's timing formula for the same profile, to set against the measured values. */
  expected: {
    detectionWithinSeconds: number;
    dnsSwitchWithinSeconds: number;
    clientsConvergeWithinSecondsOfSwitch: number;
    /** Worst case for a client holding a cached answer: detection + TTL. */
    usersRecoveredWithinSeconds: number;
    failbackWithinSeconds: number;
  };
  failback?: {
    restoreAt: string;
    /** How long the primary had been healthy, by the samples, when it was given back. */
    primaryHealthyForSeconds: number;
    holdDownSeconds?: number;
    trafficManagerRoutesPrimary?: Moment;
    dnsAnswersPrimary?: Moment;
    /** First of N consecutive samples with DNS on the primary and the primary answering. */
    sustained?: Moment;
  };
  targets: { rtoSeconds: number; rpoSeconds: number };
  verdicts: { rto: Verdict; rpo: Verdict; drain?: Verdict; overall: Verdict };
}

const ms = (iso: string) => Date.parse(iso);

type Observer = 'trafficManager' | 'dns';

/**
 * When one observation of a sample saw the world: the server read its state
 * somewhere during the request, so the middle of it is off by at most half
 * the latency either way (the sample's start alone would credit a slow
 * answer with a change that happened while it was in flight).
 */
function momentOf(
  sample: FailoverSample,
  observer: Observer,
  reference: string,
): Moment {
  const seen = ms(sample.at) + sample[observer].latencyMs / 2;
  return {
    at: new Date(Math.round(seen)).toISOString(),
    seconds: (seen - ms(reference)) / 1000,
  };
}

/**
 * The first sample that starts `n` consecutive samples serving from `role`.
 * A sample we cannot read DNS in breaks the streak: users we cannot see
 * resolving are not counted as served (an unreadable resolver makes the RTO
 * longer, never shorter).
 */
function firstSustained(
  samples: FailoverSample[],
  role: FailoverRole,
  n: number,
): FailoverSample | undefined {
  let streakStart: FailoverSample | undefined;
  let streak = 0;
  for (const s of samples) {
    const serving = s.dns.ok && s.dns.answers === role && s.probes[role].ok;
    if (!serving) {
      streak = 0;
      streakStart = undefined;
      continue;
    }
    streakStart ??= s;
    if (++streak >= n) return streakStart;
  }
  return undefined;
}

/** Traffic Manager's documented timing for this cut, in seconds after the cut. */
export function expectedTiming(method: PrimaryCutMethod, t: FailoverTiming) {
  // Probes fail from the first one after the cut; the endpoint is Degraded at
  // failure tolerated+1, and the last probe may take the whole timeout. A
  // disabled endpoint is a configuration change and leaves the pool at once.
  const detection =
    method === 'unhealthy'
      ? t.intervalInSeconds * (t.toleratedNumberOfFailures + 1) +
        t.timeoutInSeconds
      : 0;
  return {
    detectionWithinSeconds: detection,
    // The answer follows the status change immediately.
    dnsSwitchWithinSeconds: detection,
    clientsConvergeWithinSecondsOfSwitch: t.ttlSeconds,
    usersRecoveredWithinSeconds: detection + t.ttlSeconds,
    // One good probe brings a recovered endpoint back; a re-enabled one is
    // routable while Traffic Manager still checks it.
    failbackWithinSeconds:
      method === 'unhealthy' ? t.intervalInSeconds + t.timeoutInSeconds : 0,
  };
}

/** Samples taken concurrently may be stored in the order they finished. */
function inTimeOrder(samples: FailoverSample[]): FailoverSample[] {
  return [...samples].sort((a, b) => ms(a.at) - ms(b.at));
}

/** Median gap between consecutive samples, in seconds. */
function samplingResolution(samples: FailoverSample[]): number | undefined {
  const gaps = samples
    .slice(1)
    .map((s, i) => (ms(s.at) - ms(samples[i].at)) / 1000)
    .sort((a, b) => a - b);
  return gaps.length
    ? Number(gaps[Math.floor(gaps.length / 2)].toFixed(3))
    : undefined;
}

function combine(verdicts: Verdict[]): Verdict {
  for (const v of ['failed', 'inconclusive', 'pending'] as const) {
    if (verdicts.includes(v)) return v;
  }
  return 'passed';
}

/**
 * Measures a planned failover from its samples. Pure and total: it is called
 * on every reconciler tick for the live view, so every measure is optional
 * until the samples show it, and verdicts stay `pending` while the outcome
 * can still change.
 */
export function measureFailover(
  input: MeasureFailoverInput,
): FailoverMeasurement {
  const { cut, timing, restore } = input;
  const n = input.options?.sustainedSuccesses ?? DEFAULT_SUSTAINED_SUCCESSES;
  const rtoTarget =
    input.options?.rtoTargetSeconds ?? DEFAULT_RTO_TARGET_SECONDS;
  const rpoTarget =
    input.options?.rpoTargetSeconds ?? DEFAULT_RPO_TARGET_SECONDS;
  const cutMs = ms(cut.at);
  const restoreMs = restore ? ms(restore.at) : Infinity;
  const samples = inTimeOrder(input.samples);
  const failingOver = samples.filter(
    s => ms(s.at) >= cutMs && ms(s.at) < restoreMs,
  );

  const detectedStatuses =
    cut.method === 'disable-endpoint' ? ['Disabled'] : ['Degraded', 'Stopped'];
  const detected = failingOver.find(
    s =>
      s.trafficManager.ok &&
      detectedStatuses.includes(s.trafficManager.primary?.monitorStatus ?? ''),
  );
  const switched = failingOver.find(
    s => s.dns.ok && s.dns.answers === 'secondary',
  );
  const recovered = firstSustained(failingOver, 'secondary', n);
  const resolverServed = recovered && momentOf(recovered, 'dns', cut.at);
  const dnsSwitch = switched && momentOf(switched, 'dns', cut.at);
  const last = failingOver[failingOver.length - 1];
  const observedSeconds = last ? (ms(last.at) - cutMs) / 1000 : 0;
  const errorObjective =
    input.options?.errorObjective ?? DEFAULT_ERROR_OBJECTIVE;
  const users = measureUserImpact({
    method: cut.method,
    cutAt: cut.at,
    cutAnchor: input.cutAnchor,
    reading: input.traffic,
    errorObjective,
    sustainedIntervals: n,
    dnsSwitchSeconds: dnsSwitch?.seconds,
    ttlSeconds: timing.ttlSeconds,
    observedSeconds,
    restoreAt: restore?.at,
  });
  let rto: FailoverMeasurement['rto'];
  if (cut.method === 'unhealthy') {
    const trafficUnusable =
      !input.cutAnchor || (input.traffic !== undefined && !input.traffic.ok);
    const fallback = trafficUnusable
      ? fallbackRecovery({
          dnsSwitchSeconds: dnsSwitch?.seconds,
          ttlSeconds: timing.ttlSeconds,
          observedSeconds,
        })
      : undefined;
    const headline: FailoverRto | undefined =
      users.rto ??
      (fallback === undefined
        ? undefined
        : {
            seconds: fallback,
            source: 'dns-switch-plus-ttl',
            lowerBoundSeconds: dnsSwitch?.seconds,
            upperBoundSeconds: fallback,
          });
    rto = headline && {
      ...headline,
      at: new Date(cutMs + headline.seconds * 1000).toISOString(),
    };
  }

  const rpo =
    input.replicationLag?.ok === true
      ? {
          seconds: input.replicationLag.seconds,
          timestamp: input.replicationLag.timestamp,
        }
      : undefined;

  // Still possible only while sampling goes on inside the target and the
  // primary has not been given back.
  const stillOpen = !restore && observedSeconds < rtoTarget;
  let rtoVerdict: Verdict;
  let drainVerdict: Verdict | undefined;
  if (cut.method === 'disable-endpoint') {
    // A planned drain is not an outage: it is judged by the requests it failed.
    rtoVerdict = 'not-applicable';
    const drain = users.drain;
    if (drain?.movedSeconds !== undefined) {
      drainVerdict =
        (drain.failedRequests ?? 0) <= errorObjective * (drain.requests ?? 0)
          ? 'passed'
          : 'failed';
    } else if (users.traffic?.error || !input.cutAnchor) {
      drainVerdict = stillOpen ? 'pending' : 'inconclusive';
    } else {
      drainVerdict = stillOpen ? 'pending' : 'failed';
    }
  } else if (rto) {
    rtoVerdict = rto.seconds <= rtoTarget ? 'passed' : 'failed';
  } else {
    rtoVerdict = stillOpen ? 'pending' : 'failed';
  }
  let rpoVerdict: Verdict;
  if (rpo) rpoVerdict = rpo.seconds <= rpoTarget ? 'passed' : 'failed';
  else rpoVerdict = input.replicationLag ? 'inconclusive' : 'pending';

  return {
    cutAt: cut.at,
    method: cut.method,
    samples: {
      afterCut: failingOver.length,
      dnsUnavailable: failingOver.filter(s => !s.dns.ok).length,
      trafficManagerUnavailable: failingOver.filter(s => !s.trafficManager.ok)
        .length,
    },
    detection: detected && momentOf(detected, 'trafficManager', cut.at),
    dnsSwitch,
    clientsConvergedBy:
      switched &&
      new Date(
        ms(switched.at) + switched.dns.latencyMs / 2 + timing.ttlSeconds * 1000,
      ).toISOString(),
    resolverServed,
    rto,
    drain: users.drain,
    traffic: users.traffic,
    samplingResolutionSeconds: samplingResolution(failingOver),
    rpo,
    expected: expectedTiming(cut.method, timing),
    failback: restore && measureFailback(input, n),
    targets: { rtoSeconds: rtoTarget, rpoSeconds: rpoTarget },
    verdicts: {
      rto: rtoVerdict,
      rpo: rpoVerdict,
      ...(drainVerdict ? { drain: drainVerdict } : {}),
      overall: combine([drainVerdict ?? rtoVerdict, rpoVerdict]),
    },
  };
}

function measureFailback(
  input: MeasureFailoverInput,
  n: number,
): FailoverMeasurement['failback'] {
  const restore = input.restore!;
  const restoreMs = ms(restore.at);
  const samples = inTimeOrder(input.samples);
  const before = samples.filter(
    s => ms(s.at) >= ms(input.cut.at) && ms(s.at) < restoreMs,
  );
  const after = samples.filter(s => ms(s.at) >= restoreMs);
  const routed = after.find(
    s => s.trafficManager.ok && s.trafficManager.routesTo === 'primary',
  );
  const answered = after.find(s => s.dns.ok && s.dns.answers === 'primary');
  const sustained = firstSustained(after, 'primary', n);
  // The healthy stretch that ended at the restore, judged by the same rule
  // restorePrimary applies, so the report can show the hold-down was kept.
  const healthy = evaluateHoldDown(before, {
    method: input.cut.method,
    holdDownSeconds: restore.holdDownSeconds ?? 0,
  });
  return {
    restoreAt: restore.at,
    primaryHealthyForSeconds: healthy.healthyForSeconds,
    holdDownSeconds: restore.holdDownSeconds,
    trafficManagerRoutesPrimary:
      routed && momentOf(routed, 'trafficManager', restore.at),
    dnsAnswersPrimary: answered && momentOf(answered, 'dns', restore.at),
    sustained: sustained && momentOf(sustained, 'dns', restore.at),
  };
}
