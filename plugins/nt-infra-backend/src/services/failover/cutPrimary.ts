import { ConflictError, NotFoundError } from '@backstage/errors';
import { TrafficManagerProfile } from '@internal/plugin-nt-infra-common';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { failoverTimingOf, findEndpoint } from './profileView';
import { FailoverTarget, FailoverTiming, PrimaryCut } from './types';

/** The cut this module performs; `unhealthy` is applied by the run engine through chaos. */
export type DisableEndpointCut = Extract<
  PrimaryCut,
  { method: 'disable-endpoint' }
>;

export interface CutPrimaryOptions {
  traffic: TrafficProvider;
  target: FailoverTarget;
  cut: DisableEndpointCut;
}

export interface CutPrimaryResult {
  /** False when the endpoint was already disabled: a retry after a crash changes nothing. */
  changed: boolean;
  /** The profile's probe and DNS settings at the cut, for the expected times. */
  timing: FailoverTiming;
}

export function endpointOrThrow(profile: TrafficManagerProfile, name: string) {
  const endpoint = findEndpoint(profile, name);
  if (!endpoint) {
    throw new NotFoundError(
      `Traffic Manager profile '${profile.name}' has no endpoint '${name}'`,
    );
  }
  return endpoint;
}

/**
 * Takes the primary out of Traffic Manager's pool by disabling its endpoint.
 * The run engine records the cut time when it enters its cutting state,
 * before calling this; calling again after a crash is safe.
 *
 * Refuses (ConflictError) when the secondary could not take the traffic:
 * with the primary disabled and the secondary not Online, Traffic Manager
 * would send every user to a failing region, which is an outage rather than
 * a test.
 */
export async function cutPrimary(
  options: CutPrimaryOptions,
): Promise<CutPrimaryResult> {
  const { traffic, target } = options;
  const profile = await traffic.getProfile(target.profile);
  const primary = endpointOrThrow(profile, target.primary.endpoint);
  const timing = failoverTimingOf(profile);
  if (primary.endpointStatus === 'Disabled') {
    return { changed: false, timing };
  }
  if (profile.trafficRoutingMethod !== 'Priority') {
    throw new ConflictError(
      `Traffic Manager profile '${profile.name}' routes by ${profile.trafficRoutingMethod}, not Priority; a failover test needs priority routing`,
    );
  }
  const secondary = endpointOrThrow(profile, target.secondary.endpoint);
  if (
    secondary.endpointStatus !== 'Enabled' ||
    secondary.endpointMonitorStatus !== 'Online'
  ) {
    throw new ConflictError(
      `Not cutting the primary '${primary.name}': the secondary '${
        secondary.name
      }' is ${
        secondary.endpointStatus === 'Enabled'
          ? secondary.endpointMonitorStatus ?? 'not monitored'
          : 'disabled'
      }, so users would have nowhere healthy to go`,
    );
  }
  await traffic.setEndpointStatus(target.profile, primary.name, 'Disabled');
  return { changed: true, timing };
}
