import { InputError } from '@backstage/errors';
import {
  EnvironmentConfig,
  TrafficManagerEndpoint,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';
import { FailoverRole, FailoverTarget, FailoverTiming } from './types';

/**
 * The failover target of an environment: its primary and first secondary
 * region, each with the health URL the monitor probes (by region name).
 */
export function failoverTargetOf(
  environment: EnvironmentConfig,
  healthUrls: Record<string, string>,
): FailoverTarget {
  const region = (role: FailoverRole) => {
    const r = environment.regions.find(x => x.role === role);
    if (!r) {
      throw new InputError(
        `Environment '${environment.name}' has no ${role} region to fail over ${
          role === 'primary' ? 'from' : 'to'
        }`,
      );
    }
    const healthUrl = healthUrls[r.name];
    if (!healthUrl) {
      throw new InputError(
        `No health URL configured for region '${r.name}' of environment '${environment.name}'`,
      );
    }
    return {
      region: r.name,
      metricsRegion: r.metricsRegion,
      endpoint: r.trafficManagerEndpoint,
      healthUrl,
    };
  };
  return {
    profile: environment.trafficManager,
    primary: region('primary'),
    secondary: region('secondary'),
  };
}

/** Azure resource names are case-insensitive. */
export function findEndpoint(
  profile: TrafficManagerProfile,
  name: string,
): TrafficManagerEndpoint | undefined {
  return profile.endpoints.find(
    e => e.name.toLowerCase() === name.toLowerCase(),
  );
}

/** DNS names compare without case and without the root's trailing dot. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

export function roleOfEndpoint(
  target: FailoverTarget,
  endpointName: string,
): FailoverRole | 'other' {
  const name = endpointName.toLowerCase();
  if (target.primary.endpoint.toLowerCase() === name) return 'primary';
  if (target.secondary.endpoint.toLowerCase() === name) return 'secondary';
  return 'other';
}

/** The profile settings Traffic Manager's detection and DNS timing follow. */
export function failoverTimingOf(
  profile: TrafficManagerProfile,
): FailoverTiming {
  const m = profile.monitorConfig;
  return {
    intervalInSeconds: m.intervalInSeconds,
    timeoutInSeconds: m.timeoutInSeconds,
    toleratedNumberOfFailures: m.toleratedNumberOfFailures,
    ttlSeconds: profile.dnsConfig.ttl,
  };
}
