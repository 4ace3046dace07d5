/** Monitor status of a Traffic Manager endpoint, as Azure reports it. @public */
export type EndpointMonitorStatus =
  | 'CheckingEndpoint'
  | 'Online'
  | 'Degraded'
  | 'Disabled'
  | 'Inactive'
  | 'Stopped'
  | 'Unmonitored';

/** Monitor status of a whole Traffic Manager profile. @public */
export type ProfileMonitorStatus =
  | 'CheckingEndpoints'
  | 'Online'
  | 'Degraded'
  | 'Disabled'
  | 'Inactive';

/** One endpoint of a Traffic Manager profile. @public */
export interface TrafficManagerEndpoint {
  name: string;
  /** e.g. `Microsoft.Network/trafficManagerProfiles/azureEndpoints`. */
  type: string;
  target?: string;
  endpointStatus: 'Enabled' | 'Disabled';
  endpointMonitorStatus?: EndpointMonitorStatus;
  priority?: number;
  weight?: number;
  endpointLocation?: string;
}

/** A Traffic Manager profile with its DNS and monitor settings. @public */
export interface TrafficManagerProfile {
  id: string;
  name: string;
  profileStatus: 'Enabled' | 'Disabled';
  profileMonitorStatus?: ProfileMonitorStatus;
  trafficRoutingMethod: string;
  dnsConfig: { relativeName: string; fqdn: string; ttl: number };
  monitorConfig: {
    protocol: string;
    port: number;
    path?: string;
    intervalInSeconds: number;
    timeoutInSeconds: number;
    toleratedNumberOfFailures: number;
  };
  endpoints: TrafficManagerEndpoint[];
}

/** What a DNS resolver answers for the profile's FQDN. @public */
export interface DnsAnswer {
  fqdn: string;
  /** The resolver asked, `host:port`, or `system`. */
  server: string;
  /** The CNAME target (the serving endpoint's target), when there is one. */
  cname?: string;
  addresses: string[];
  /** Seconds the answer may be cached. */
  ttl: number;
}
