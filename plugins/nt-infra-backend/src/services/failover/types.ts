import {
  EndpointMonitorStatus,
  TrafficManagerProfileRef,
} from '@internal/plugin-nt-infra-common';

/*
 * Everything here is plain JSON (ISO strings, numbers, no Dates or Maps):
 * samples and results go into the run's record as they are, so a restarted
 * backend measures and resumes from the stored samples alone.
 *
 * All times are the backend's clock. Nothing here knows how fast the world
 * runs; a sandbox at speed N simply shows durations N times shorter.
 */

/** The two parts a region plays in a planned failover. */
export type FailoverRole = 'primary' | 'secondary';

/**
 * How the primary is taken out:
 * - `disable-endpoint`: its Traffic Manager endpoint is disabled (restore =
 *   enable it again); cutPrimary/restorePrimary do it.
 * - `unhealthy`: its pods are made to fail (Chaos Mesh) so that Traffic
 *   Manager's own probes fail it over; the run engine applies and removes the
 *   fault through the chaos service, then Traffic Manager fails back by itself.
 */
export type PrimaryCut =
  | { method: 'disable-endpoint' }
  | {
      method: 'unhealthy';
      /** Experiment of the library that makes the primary's serving pods fail. */
      experiment?: string;
    };

export type PrimaryCutMethod = PrimaryCut['method'];

/** One region as the failover test sees it. */
export interface FailoverRegionTarget {
  /** Azure region name, e.g. `eastus`. */
  region: string;
  /**
   * The `region` label of its series in Prometheus (the region name when
   * absent, as in runs stored before it existed).
   */
  metricsRegion?: string;
  /** Its endpoint's name in the Traffic Manager profile. */
  endpoint: string;
  /**
   * What the monitor GETs to see whether the region serves: in production
   * the endpoint's public health URL, in the sandbox the region's app.
   */
  healthUrl: string;
}

/** The profile and the two regions of one failover test. */
export interface FailoverTarget {
  profile: TrafficManagerProfileRef;
  primary: FailoverRegionTarget;
  secondary: FailoverRegionTarget;
}

/**
 * The profile settings the expected times derive from, read when the primary
 * is cut (they may be changed later; the run compares against these).
 */
export interface FailoverTiming {
  intervalInSeconds: number;
  timeoutInSeconds: number;
  toleratedNumberOfFailures: number;
  /** DNS TTL of the profile: how long resolvers keep the old answer. */
  ttlSeconds: number;
}

export interface EndpointObservation {
  endpointStatus: 'Enabled' | 'Disabled';
  monitorStatus?: EndpointMonitorStatus;
}

/** What Traffic Manager (ARM) said in one sample. */
export type TrafficManagerObservation =
  | {
      ok: true;
      latencyMs: number;
      /** Absent when the profile has no endpoint of that name. */
      primary?: EndpointObservation;
      secondary?: EndpointObservation;
      /** Where priority routing sends new DNS queries, by its statuses. */
      routesTo?: FailoverRole | 'other';
    }
  | { ok: false; latencyMs: number; error: string };

/** What DNS answered for the profile's FQDN in one sample. */
export type DnsObservation =
  | {
      ok: true;
      latencyMs: number;
      cname?: string;
      /** The region whose endpoint target the CNAME is; undefined if none matches. */
      answers?: FailoverRole | 'other';
      ttl: number;
    }
  | { ok: false; latencyMs: number; error: string };

/** One HTTP GET of a region's health URL. */
export interface ProbeObservation {
  ok: boolean;
  latencyMs: number;
  status?: number;
  error?: string;
}

/**
 * One sample: both regions' endpoints, the DNS answer and both apps, asked
 * concurrently. Each observation keeps its latency: measureFailover dates
 * it at the middle of its request, when the server most likely read state.
 */
export interface FailoverSample {
  /** ISO 8601, when the sample was started. */
  at: string;
  trafficManager: TrafficManagerObservation;
  dns: DnsObservation;
  probes: Record<FailoverRole, ProbeObservation>;
}

/** The secondary's replication lag, read from Prometheus at the cut. */
export type ReplicationLagReading =
  | {
      ok: true;
      region: string;
      seconds: number;
      /** ISO 8601, the timestamp Prometheus gave the value. */
      timestamp: string;
      query: string;
    }
  | { ok: false; region: string; error: string; query: string };
