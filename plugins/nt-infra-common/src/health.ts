import { Observed } from './observed';
import {
  DnsAnswer,
  TrafficManagerEndpoint,
  TrafficManagerProfile,
} from './traffic';
import {
  EnvironmentName,
  RegionConfig,
  TrafficManagerProfileRef,
} from './types';

/** Readiness of one workload (Deployment) in a region's cluster. @public */
export interface WorkloadReadiness {
  namespace: string;
  name: string;
  desiredReplicas: number;
  readyReplicas: number;
}

/** A region's cluster as its Kubernetes API shows it. @public */
export interface ClusterReadiness {
  name: string;
  workloads: WorkloadReadiness[];
  pods: { total: number; ready: number };
}

/** Burn-rate windows of the availability SLO (SRE workbook pairs). @public */
export type BurnRateWindow =
  | '5m'
  | '30m'
  | '1h'
  | '2h'
  | '6h'
  | '1d'
  | '3d'
  | '30d';

/** A region's service level indicators, from the recording rules. @public */
export interface RegionSlis {
  requestRatePerSecond?: number;
  errorRatio?: number;
  latencyP99Seconds?: number;
  availability?: number;
  replicationLagSeconds?: number;
  burnRates: Partial<Record<BurnRateWindow, number>>;
}

/** The availability SLO and what is left of its error budget. @public */
export interface SloState {
  /** e.g. 0.999 */
  objective: number;
  /** Fraction of the error budget left over the SLO window (0..1, negative when overspent). */
  errorBudgetRemaining?: number;
  /** True when no experiment may start: the budget is exhausted. */
  exhausted: boolean;
}

/** The overall health verdict of a region. @public */
export type HealthVerdict = 'healthy' | 'degraded' | 'down' | 'unknown';

/** A configured region with its live state and a verdict with reasons. @public */
export interface RegionHealth extends RegionConfig {
  verdict: HealthVerdict;
  /** Why the verdict is what it is, most important first. */
  reasons: string[];
  /** Whether Traffic Manager currently routes to this region. */
  serving: boolean;
  endpoint: Observed<TrafficManagerEndpoint>;
  readiness: Observed<ClusterReadiness>;
  slis: Observed<RegionSlis>;
  slo: Observed<SloState>;
}

/** One environment's regions with their health. @public */
export interface EnvironmentHealth {
  name: EnvironmentName;
  trafficManager: TrafficManagerProfileRef;
  /** Primary first. */
  regions: RegionHealth[];
}

/** Which region serves an environment's traffic now, by two independent sources. @public */
export interface ServingRegion {
  /** Region name, per Traffic Manager's endpoint states and priority routing. */
  byTrafficManager?: string;
  /** Region name, per a live DNS answer for the profile's FQDN. */
  byDns?: string;
  /** The endpoint Traffic Manager routes to (its name in the profile). */
  endpoint?: string;
  /**
   * True when both sources are known and name the same region; false while
   * DNS still answers the old region (propagation, TTL) or a source is unknown.
   */
  agree: boolean;
}

/** One environment's Traffic Manager profile, DNS answer and serving region. @public */
export interface EnvironmentTraffic {
  name: EnvironmentName;
  trafficManager: TrafficManagerProfileRef;
  profile: Observed<TrafficManagerProfile>;
  dns: Observed<DnsAnswer>;
  serving: ServingRegion;
}

/** Response of `GET /api/nt-infra/traffic`. @public */
export interface TrafficResponse {
  environments: EnvironmentTraffic[];
}

/** One point of a time series: Unix time in milliseconds and the value. @public */
export interface SeriesPoint {
  t: number;
  v: number;
}

/** Names of the SLI series a region panel draws. @public */
export type SliSeriesName =
  | 'requestRatePerSecond'
  | 'errorRatio'
  | 'latencyP99Seconds'
  | 'availability';

/** Response of `GET /api/nt-infra/regions/:environment/:region/slis?minutes=N`. @public */
export interface SliSeriesResponse {
  environment: EnvironmentName;
  region: string;
  /** ISO 8601 bounds and the step between points, in seconds. */
  start: string;
  end: string;
  stepSeconds: number;
  series: Observed<Record<SliSeriesName, SeriesPoint[]>>;
}
