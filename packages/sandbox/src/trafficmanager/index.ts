export { TrafficManager } from './TrafficManager';
export type { AppPortLookup } from './TrafficManager';
export {
  answerEndpoint,
  answerKey,
  profileMonitorStatus,
  routablePool,
  steadyShares,
} from './routing';
export { httpProbe } from './httpProbe';
export type { ProbeResult } from './httpProbe';
export { profileFqdn, profileId, TRAFFIC_MANAGER_DOMAIN } from './types';
export type {
  DnsSwitch,
  EndpointKind,
  EndpointMonitorStatus,
  ProfileMonitorStatus,
  TmEndpoint,
  TmMonitorConfig,
  TmProfile,
} from './types';
