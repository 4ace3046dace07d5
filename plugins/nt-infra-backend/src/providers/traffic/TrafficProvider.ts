import {
  TrafficManagerEndpoint,
  TrafficManagerProfile,
  TrafficManagerProfileRef,
} from '@internal/plugin-nt-infra-common';

/**
 * Azure Traffic Manager through Azure Resource Manager. Implementations
 * retry throttling (429 with Retry-After), 5xx and timeouts with bounded
 * backoff and then throw; callers turn a throw into an `unavailable` state.
 */
export interface TrafficProvider {
  getProfile(ref: TrafficManagerProfileRef): Promise<TrafficManagerProfile>;
  /** Disables or re-enables one endpoint (failover tests, GameDays). */
  setEndpointStatus(
    ref: TrafficManagerProfileRef,
    endpointName: string,
    status: 'Enabled' | 'Disabled',
  ): Promise<TrafficManagerEndpoint>;
  setEndpointPriority(
    ref: TrafficManagerProfileRef,
    endpointName: string,
    priority: number,
  ): Promise<TrafficManagerEndpoint>;
}
