import type { AUDIT_DECISIONS, ENVIRONMENT_NAMES } from './schema';
import type { EnvironmentHealth } from './health';

/** The environments the portal operates. @public */
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** A region's part in the priority failover. @public */
export type RegionRole = 'primary' | 'secondary';

/** A region of one environment, as configured. @public */
export interface RegionConfig {
  /** Azure region name, e.g. `eastus`. */
  name: string;
  displayName: string;
  role: RegionRole;
  /** Name of this region's endpoint in the environment's Traffic Manager profile. */
  trafficManagerEndpoint: string;
  /** Name of the region's AKS cluster, as the kubernetes plugin knows it. */
  cluster: string;
  /**
   * The ARM resource id of the region's AKS cluster, for links to the Azure
   * portal; only when its resource group is configured (not in the sandbox).
   */
  clusterResourceId?: string;
  /**
   * The `region` label of this region's series in Prometheus; the region
   * name unless the environments share a Prometheus and label differently.
   */
  metricsRegion: string;
}

/** Where an environment's Traffic Manager profile lives in Azure. @public */
export interface TrafficManagerProfileRef {
  subscriptionId: string;
  resourceGroup: string;
  profileName: string;
  /** The ARM resource id, derived from the three fields above. */
  resourceId: string;
}

/** An environment with its Traffic Manager profile and regions. @public */
export interface EnvironmentConfig {
  name: EnvironmentName;
  trafficManager: TrafficManagerProfileRef;
  regions: RegionConfig[];
}

/** Response of `GET /api/nt-infra/regions`. @public */
export interface RegionsResponse {
  environments: EnvironmentHealth[];
}

/** Response of `GET /api/nt-infra/health`. @public */
export interface HealthResponse {
  status: 'ok';
}

/** How an audited decision ended. @public */
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/** One entry of the append-only audit trail: who did what, to what, and why. @public */
export interface AuditEvent {
  id: string;
  /** ISO 8601. */
  at: string;
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string;
  decision: AuditDecision;
  reason: string;
  details?: Record<string, unknown>;
}

/** Response of `GET /api/nt-infra/audit`, newest first. @public */
export interface AuditEventsResponse {
  items: AuditEvent[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}
