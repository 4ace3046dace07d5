import { FailoverSample, PrimaryCutMethod } from './types';

/**
 * Samples further apart than this do not vouch for the time between them
 * (e.g. the backend was down): the healthy stretch starts again after the gap.
 */
export const DEFAULT_MAX_SAMPLE_GAP_SECONDS = 30;

export interface HoldDownOptions {
  method: PrimaryCutMethod;
  holdDownSeconds: number;
  maxSampleGapSeconds?: number;
}

export interface HoldDownStatus {
  satisfied: boolean;
  requiredSeconds: number;
  /** Start of the unbroken healthy stretch that ends at the latest sample. */
  healthySince?: string;
  healthyForSeconds: number;
  /** Why the latest sample does not count as healthy. */
  reason?: string;
}

/**
 * Whether one sample shows the primary fit to take traffic: its app answers
 * and Traffic Manager's probes agree. A disabled endpoint is not probed by
 * Traffic Manager at all, so while the primary is cut by disabling it our
 * own probe of the same health URL has to stand in for Traffic Manager's.
 */
export function primaryHealth(
  sample: FailoverSample,
  method: PrimaryCutMethod,
): { healthy: boolean; reason?: string } {
  if (!sample.probes.primary.ok) {
    const p = sample.probes.primary;
    return {
      healthy: false,
      reason: `primary health probe failed (${p.status ?? p.error})`,
    };
  }
  const tm = sample.trafficManager;
  if (!tm.ok) {
    // Unknown is not healthy: a hold-down must not pass on missing evidence.
    return {
      healthy: false,
      reason: `Traffic Manager unreadable (${tm.error})`,
    };
  }
  const status = tm.primary?.monitorStatus;
  if (status === 'Online') return { healthy: true };
  if (
    method === 'disable-endpoint' &&
    tm.primary?.endpointStatus === 'Disabled'
  ) {
    return { healthy: true };
  }
  return {
    healthy: false,
    reason: `primary endpoint is ${status ?? 'missing'}`,
  };
}

/**
 * The hold-down rule before sending traffic back to the primary: it must
 * have been healthy in every sample of the last `holdDownSeconds`, so a
 * region that is flapping (up, down, up) is not given users again at its
 * first good answer. Measured between samples only, never assumed.
 */
export function evaluateHoldDown(
  samples: FailoverSample[],
  options: HoldDownOptions,
): HoldDownStatus {
  const maxGapMs =
    (options.maxSampleGapSeconds ?? DEFAULT_MAX_SAMPLE_GAP_SECONDS) * 1000;
  const required = options.holdDownSeconds;
  const latest = samples[samples.length - 1];
  if (!latest) {
    return {
      satisfied: false,
      requiredSeconds: required,
      healthyForSeconds: 0,
      reason: 'no samples yet',
    };
  }
  const latestHealth = primaryHealth(latest, options.method);
  if (!latestHealth.healthy) {
    return {
      satisfied: false,
      requiredSeconds: required,
      healthyForSeconds: 0,
      reason: latestHealth.reason,
    };
  }
  // Walk back over the unbroken healthy stretch that ends at the latest sample.
  let start = latest;
  for (let i = samples.length - 2; i >= 0; i--) {
    const s = samples[i];
    const gap = Date.parse(start.at) - Date.parse(s.at);
    if (gap > maxGapMs || !primaryHealth(s, options.method).healthy) break;
    start = s;
  }
  const healthyFor = (Date.parse(latest.at) - Date.parse(start.at)) / 1000;
  return {
    satisfied: healthyFor >= required,
    requiredSeconds: required,
    healthySince: start.at,
    healthyForSeconds: healthyFor,
  };
}
