import { evaluateHoldDown } from './holdDown';
import {
  FailoverRole,
  FailoverSample,
  FailoverTiming,
  PrimaryCutMethod,
  ReplicationLagReading,
} from './types';

export const DEFAULT_SUSTAINED_SUCCESSES = 3;
export const DEFAULT_RTO_TARGET_SECONDS = 300;
export const DEFAULT_RPO_TARGET_SECONDS = 60;

export interface MeasureFailoverOptions {
  /** Consecutive good samples that count as "serving again" (default 3). */
  sustainedSuccesses?: number;
  rtoTargetSeconds?: number;
  rpoTargetSeconds?: number;
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
export type Verdict = 'passed' | 'failed' | 'pending' | 'inconclusive';

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
  /** First of N consecutive samples with DNS on the secondary and the secondary answering. */
  rto?: Moment;
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
  verdicts: { rto: Verdict; rpo: Verdict; overall: Verdict };
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
function expectedTiming(method: PrimaryCutMethod, t: FailoverTiming) {
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
  const rto = recovered && momentOf(recovered, 'dns', cut.at);

  const rpo =
    input.replicationLag?.ok === true
      ? {
          seconds: input.replicationLag.seconds,
          timestamp: input.replicationLag.timestamp,
        }
      : undefined;

  let rtoVerdict: Verdict;
  if (rto) {
    rtoVerdict = rto.seconds <= rtoTarget ? 'passed' : 'failed';
  } else {
    // Still possible only while sampling goes on inside the target and the
    // primary has not been given back.
    const last = failingOver[failingOver.length - 1];
    const elapsed = last ? (ms(last.at) - cutMs) / 1000 : 0;
    rtoVerdict = !restore && elapsed < rtoTarget ? 'pending' : 'failed';
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
    dnsSwitch: switched && momentOf(switched, 'dns', cut.at),
    clientsConvergedBy:
      switched &&
      new Date(
        ms(switched.at) + switched.dns.latencyMs / 2 + timing.ttlSeconds * 1000,
      ).toISOString(),
    rto,
    rpo,
    expected: expectedTiming(cut.method, timing),
    failback: restore && measureFailback(input, n),
    targets: { rtoSeconds: rtoTarget, rpoSeconds: rpoTarget },
    verdicts: {
      rto: rtoVerdict,
      rpo: rpoVerdict,
      overall: combine([rtoVerdict, rpoVerdict]),
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
