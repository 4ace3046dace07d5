/** Traffic Manager state as Azure keeps it (property names follow the ARM resource). */
export type EndpointMonitorStatus =
  | 'CheckingEndpoint'
  | 'Online'
  | 'Degraded'
  | 'Disabled'
  | 'Inactive'
  | 'Stopped'
  | 'Unmonitored';

export type ProfileMonitorStatus =
  | 'CheckingEndpoints'
  | 'Online'
  | 'Degraded'
  | 'Disabled'
  | 'Inactive';

export type EndpointKind =
  | 'externalEndpoints'
  | 'azureEndpoints'
  | 'nestedEndpoints';

export type TmEndpoint = {
  name: string;
  kind: EndpointKind;
  target?: string;
  targetResourceId?: string;
  endpointStatus: 'Enabled' | 'Disabled';
  endpointMonitorStatus: EndpointMonitorStatus;
  priority?: number;
  weight?: number;
  endpointLocation?: string;
  customHeaders?: { name: string; value: string }[];
  /** The sandbox region whose app this endpoint reaches (resolved from target/location). */
  region?: string;
  probe: {
    consecutiveFailures: number;
    lastProbeAt?: number;
    lastResult?: string;
  };
};

export type TmMonitorConfig = {
  profileMonitorStatus?: ProfileMonitorStatus;
  protocol: 'HTTP' | 'HTTPS' | 'TCP';
  port: number;
  path?: string;
  intervalInSeconds: number;
  timeoutInSeconds: number;
  toleratedNumberOfFailures: number;
  customHeaders?: { name: string; value: string }[];
  expectedStatusCodeRanges?: { min: number; max: number }[];
};

export type TmProfile = {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  environment: string;
  location: 'global';
  tags: Record<string, string>;
  profileStatus: 'Enabled' | 'Disabled';
  trafficRoutingMethod: string;
  dnsConfig: { relativeName: string; ttl: number };
  monitorConfig: TmMonitorConfig;
  trafficViewEnrollmentStatus: 'Enabled' | 'Disabled';
  maxReturn?: number;
  endpoints: TmEndpoint[];
  /** Modelled user load through the profile (requests per second). */
  clientRps: number;
};

export type DnsSwitch = {
  profile: string;
  fqdn: string;
  from?: string;
  to?: string;
  fromTarget?: string;
  toTarget?: string;
  worldTime: string;
  wallTime: string;
  /** World epoch ms, for arithmetic. */
  at: number;
  reason: string;
};

export const TRAFFIC_MANAGER_DOMAIN = 'trafficmanager.net';

export function profileFqdn(profile: TmProfile): string {
  return `${profile.dnsConfig.relativeName}.${TRAFFIC_MANAGER_DOMAIN}`.toLowerCase();
}

export function profileId(p: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}): string {
  return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${p.name}`;
}
