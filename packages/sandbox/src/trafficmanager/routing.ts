import type { SeededRandom } from '../clock';
import type { ProfileMonitorStatus, TmEndpoint, TmProfile } from './types';

/** Endpoints Traffic Manager considers able to take traffic (CheckingEndpoint counts, as in Azure). */
function isHealthy(e: TmEndpoint): boolean {
  return (
    e.endpointMonitorStatus === 'Online' ||
    e.endpointMonitorStatus === 'CheckingEndpoint'
  );
}

/**
 * The endpoints a DNS answer may name right now: the enabled, healthy ones, or — when every
 * enabled endpoint is degraded — all enabled endpoints, because Traffic Manager then answers
 * as if all were online rather than returning nothing.
 */
export function routablePool(profile: TmProfile): TmEndpoint[] {
  if (profile.profileStatus !== 'Enabled') return [];
  const enabled = profile.endpoints.filter(e => e.endpointStatus === 'Enabled');
  const healthy = enabled.filter(isHealthy);
  return healthy.length > 0 ? healthy : enabled;
}

function byPriority(a: TmEndpoint, b: TmEndpoint): number {
  return (
    (a.priority ?? 1000) - (b.priority ?? 1000) || a.name.localeCompare(b.name)
  );
}

/**
 * The endpoint one DNS query is answered with. Priority: the lowest priority number in the
 * pool. Weighted: a weighted random pick. Performance/Geographic/MultiValue/Subnet have no
 * meaning on loopback and are answered in priority order (documented in README.md).
 */
export function answerEndpoint(
  profile: TmProfile,
  random?: SeededRandom,
): TmEndpoint | undefined {
  const pool = routablePool(profile);
  if (pool.length === 0) return undefined;
  if (profile.trafficRoutingMethod === 'Weighted' && random) {
    const total = pool.reduce((s, e) => s + (e.weight ?? 1), 0);
    let pick = random.next() * total;
    for (const e of pool) {
      pick -= e.weight ?? 1;
      if (pick < 0) return e;
    }
  }
  return [...pool].sort(byPriority)[0];
}

/** Share of queries each endpoint gets at steady state (used for the modelled load). */
export function steadyShares(profile: TmProfile): Map<string, number> {
  const pool = routablePool(profile);
  const shares = new Map<string, number>();
  if (pool.length === 0) return shares;
  if (profile.trafficRoutingMethod === 'Weighted') {
    const total = pool.reduce((s, e) => s + (e.weight ?? 1), 0);
    pool.forEach(e => shares.set(e.name, (e.weight ?? 1) / total));
  } else {
    shares.set(answerEndpoint(profile)!.name, 1);
  }
  return shares;
}

/** The identity of the current answer, to detect switches (the pool for weighted routing). */
export function answerKey(profile: TmProfile): string | undefined {
  if (profile.trafficRoutingMethod === 'Weighted') {
    const names = routablePool(profile)
      .map(e => e.name)
      .sort();
    return names.length ? names.join(',') : undefined;
  }
  return answerEndpoint(profile)?.name;
}

export function profileMonitorStatus(profile: TmProfile): ProfileMonitorStatus {
  if (profile.profileStatus !== 'Enabled') return 'Disabled';
  const enabled = profile.endpoints.filter(e => e.endpointStatus === 'Enabled');
  if (enabled.length === 0) return 'Inactive';
  if (enabled.some(e => e.endpointMonitorStatus === 'Online')) return 'Online';
  if (enabled.some(e => e.endpointMonitorStatus === 'CheckingEndpoint'))
    return 'CheckingEndpoints';
  return 'Degraded';
}
