import type {
  Endpoint,
  EndpointType,
  Profile,
} from '@azure/arm-trafficmanager';
import {
  EndpointMonitorStatus,
  ProfileMonitorStatus,
  TrafficManagerEndpoint,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';

// The SDK types these as open strings (Azure may add values); the portal's
// types are closed unions, so a value we do not know is left out (undefined)
// rather than passed on unchecked.
const ENDPOINT_MONITOR_STATUSES: readonly EndpointMonitorStatus[] = [
  'CheckingEndpoint',
  'Online',
  'Degraded',
  'Disabled',
  'Inactive',
  'Stopped',
  'Unmonitored',
];
const PROFILE_MONITOR_STATUSES: readonly ProfileMonitorStatus[] = [
  'CheckingEndpoints',
  'Online',
  'Degraded',
  'Disabled',
  'Inactive',
];

function known<T extends string>(
  allowed: readonly T[],
  value: string | undefined,
): T | undefined {
  return allowed.find(a => a.toLowerCase() === value?.toLowerCase());
}

function required<T>(value: T | undefined, what: string, owner: string): T {
  if (value === undefined || value === null) {
    throw new Error(
      `Azure Resource Manager returned ${owner} without ${what}; cannot read it`,
    );
  }
  return value;
}

function enabledOrDisabled(
  value: string | undefined,
  what: string,
  owner: string,
): 'Enabled' | 'Disabled' {
  const status = known(['Enabled', 'Disabled'] as const, value);
  return required(status, `a valid ${what} (got '${value}')`, owner);
}

const SHORT_ENDPOINT_TYPES: Record<string, EndpointType> = {
  azureendpoints: 'AzureEndpoints',
  externalendpoints: 'ExternalEndpoints',
  nestedendpoints: 'NestedEndpoints',
};

/**
 * The endpoint type the SDK's `endpoints.*` operations put in the URL, from
 * the endpoint's ARM type (`Microsoft.Network/trafficManagerProfiles/externalEndpoints`).
 */
export function endpointTypeOf(endpoint: Endpoint): EndpointType {
  const last = endpoint.type?.split('/').pop()?.toLowerCase() ?? '';
  const type = SHORT_ENDPOINT_TYPES[last];
  if (!type) {
    throw new Error(
      `Traffic Manager endpoint '${endpoint.name}' has an unknown type '${endpoint.type}'`,
    );
  }
  return type;
}

export function toTrafficManagerEndpoint(
  endpoint: Endpoint,
): TrafficManagerEndpoint {
  const owner = `a Traffic Manager endpoint (${endpoint.id ?? endpoint.name})`;
  return {
    name: required(endpoint.name, 'a name', owner),
    type: required(endpoint.type, 'a type', owner),
    target: endpoint.target,
    endpointStatus: enabledOrDisabled(
      endpoint.endpointStatus,
      'endpointStatus',
      owner,
    ),
    endpointMonitorStatus: known(
      ENDPOINT_MONITOR_STATUSES,
      endpoint.endpointMonitorStatus,
    ),
    priority: endpoint.priority,
    weight: endpoint.weight,
    endpointLocation: endpoint.endpointLocation,
  };
}

export function toTrafficManagerProfile(
  profile: Profile,
): TrafficManagerProfile {
  const owner = `Traffic Manager profile '${profile.id ?? profile.name}'`;
  const dns = required(profile.dnsConfig, 'dnsConfig', owner);
  const monitor = required(profile.monitorConfig, 'monitorConfig', owner);
  return {
    id: required(profile.id, 'an id', owner),
    name: required(profile.name, 'a name', owner),
    profileStatus: enabledOrDisabled(
      profile.profileStatus,
      'profileStatus',
      owner,
    ),
    profileMonitorStatus: known(
      PROFILE_MONITOR_STATUSES,
      monitor.profileMonitorStatus,
    ),
    trafficRoutingMethod: required(
      profile.trafficRoutingMethod,
      'trafficRoutingMethod',
      owner,
    ),
    dnsConfig: {
      relativeName: required(dns.relativeName, 'dnsConfig.relativeName', owner),
      fqdn: required(dns.fqdn, 'dnsConfig.fqdn', owner),
      ttl: required(dns.ttl, 'dnsConfig.ttl', owner),
    },
    monitorConfig: {
      protocol: required(monitor.protocol, 'monitorConfig.protocol', owner),
      port: required(monitor.port, 'monitorConfig.port', owner),
      path: monitor.path,
      intervalInSeconds: required(
        monitor.intervalInSeconds,
        'monitorConfig.intervalInSeconds',
        owner,
      ),
      timeoutInSeconds: required(
        monitor.timeoutInSeconds,
        'monitorConfig.timeoutInSeconds',
        owner,
      ),
      toleratedNumberOfFailures: required(
        monitor.toleratedNumberOfFailures,
        'monitorConfig.toleratedNumberOfFailures',
        owner,
      ),
    },
    endpoints: (profile.endpoints ?? []).map(toTrafficManagerEndpoint),
  };
}
