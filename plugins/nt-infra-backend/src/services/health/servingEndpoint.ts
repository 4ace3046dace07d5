import { TrafficManagerProfile } from '@internal/plugin-nt-infra-common';

/**
 * The endpoint Traffic Manager's priority routing answers with: the enabled
 * endpoint with the lowest priority number among those whose probes pass.
 * When every enabled endpoint is degraded, Traffic Manager answers as if all
 * were online, so the lowest priority enabled endpoint serves again.
 * Undefined when the profile is disabled or has no enabled endpoint.
 */
export function servingEndpoint(
  profile: TrafficManagerProfile,
): string | undefined {
  if (profile.profileStatus !== 'Enabled') {
    return undefined;
  }
  const enabled = profile.endpoints
    .filter(e => e.endpointStatus === 'Enabled')
    .sort(
      (a, b) =>
        (a.priority ?? Number.MAX_SAFE_INTEGER) -
        (b.priority ?? Number.MAX_SAFE_INTEGER),
    );
  // CheckingEndpoint is treated as healthy, as Traffic Manager does while it
  // has no probe result yet.
  const healthy = enabled.filter(
    e =>
      e.endpointMonitorStatus === undefined ||
      e.endpointMonitorStatus === 'Online' ||
      e.endpointMonitorStatus === 'CheckingEndpoint' ||
      e.endpointMonitorStatus === 'Unmonitored',
  );
  return (healthy[0] ?? enabled[0])?.name;
}
