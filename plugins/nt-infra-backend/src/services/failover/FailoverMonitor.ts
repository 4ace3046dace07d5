import { performance } from 'node:perf_hooks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { TrafficManagerProfile } from '@internal/plugin-nt-infra-common';
import { DnsProvider } from '../../providers/dns/DnsProvider';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { regionSliQueries } from '../../providers/metrics/sliQueries';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { servingEndpoint } from '../health/servingEndpoint';
import { findEndpoint, normalizeHost, roleOfEndpoint } from './profileView';
import {
  DnsObservation,
  FailoverRole,
  FailoverSample,
  FailoverTarget,
  ProbeObservation,
  ReplicationLagReading,
  TrafficManagerObservation,
} from './types';
import {
  aggregateIntervals,
  ClockAnchor,
  UserTrafficReading,
  userRequestsSelector,
} from './userTraffic';

/** Reads of Prometheus' clock at most, while they come back slowly. */
const CLOCK_READS = 3;
/** Half a round trip this short places Prometheus' stamp well enough: no further read. */
const TIGHT_CLOCK_MS = 50;

type TimedAnchor = ClockAnchor & { uncertaintyMs: number };

/** Traffic Manager's own probe timeout is 5..10 s; ours must fit in a sample interval. */
const DEFAULT_PROBE_TIMEOUT_MS = 2000;

export interface FailoverMonitorOptions {
  traffic: TrafficProvider;
  dns: DnsProvider;
  metrics: MetricsProvider;
  target: FailoverTarget;
  /** The profile's FQDN; taken from the profile when absent (one extra round trip on the first sample). */
  fqdn?: string;
  /** Per HTTP probe of a health URL. */
  probeTimeoutMs?: number;
  logger?: LoggerService;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Samples a failover as users and Traffic Manager see it, once per call:
 * the endpoints' monitor statuses, which region the profile's DNS answer
 * points at, and whether each region's app answers. Holds no state a restart
 * would lose except caches of the profile (FQDN, endpoint targets) that the
 * next successful read restores.
 */
export class FailoverMonitor {
  static create(options: FailoverMonitorOptions): FailoverMonitor {
    return new FailoverMonitor(options);
  }

  private fqdn: string | undefined;
  /** Endpoint targets by role, to map a CNAME to a region when ARM fails in a sample. */
  private targets: Partial<Record<FailoverRole, string>> = {};

  private constructor(private readonly options: FailoverMonitorOptions) {
    this.fqdn = options.fqdn;
  }

  /**
   * Takes one sample starting at `now`. Never throws: an unreachable ARM,
   * resolver or app is recorded in the sample, because "could not tell" is
   * itself part of what the run shows.
   */
  async sample(now: Date): Promise<FailoverSample> {
    const { primary, secondary } = this.options.target;
    const profile = this.readProfile();
    if (!this.fqdn) {
      // The DNS query needs the FQDN; only the very first sample waits for it.
      await profile;
    }
    // Concurrent, so the four observations describe the same moment.
    const [tm, dnsAnswer, primaryProbe, secondaryProbe] = await Promise.all([
      profile,
      this.resolve(),
      this.probe(primary.healthUrl),
      this.probe(secondary.healthUrl),
    ]);
    return {
      at: now.toISOString(),
      trafficManager: tm,
      dns: this.withRegion(dnsAnswer),
      probes: { primary: primaryProbe, secondary: secondaryProbe },
    };
  }

  /**
   * The secondary's worst replication lag: what it would lose if it had to
   * take writes at that moment, i.e. the RPO estimate when read at the cut.
   * Now by default; `at` (Prometheus' clock) reads it from the history.
   */
  async readReplicationLag(at?: Date): Promise<ReplicationLagReading> {
    const { secondary } = this.options.target;
    const region = secondary.metricsRegion ?? secondary.region;
    const query = regionSliQueries(region).replicationLag;
    try {
      const series = await this.options.metrics.query(query, at);
      if (series.length === 0) {
        return { ok: false, region, query, error: 'no series (no data)' };
      }
      // One series per database; the worst one bounds the data loss.
      const worst = series.reduce((a, b) => (b.value > a.value ? b : a));
      return {
        ok: true,
        region,
        query,
        seconds: worst.value,
        timestamp: new Date(worst.timestamp).toISOString(),
      };
    } catch (error) {
      return { ok: false, region, query, error: errorText(error) };
    }
  }

  /**
   * Prometheus' clock now, set against the backend's (`now` is read halfway
   * through the request): an instant query without a time is evaluated at
   * Prometheus' "now" and stamped with it. A slow read places that stamp
   * loosely (a loaded backend or network: seconds), so a slow first read is
   * followed by a few more and the tightest is kept, as NTP keeps its
   * shortest round trip.
   */
  async readPrometheusClock(
    now: () => Date = () => new Date(),
  ): Promise<ClockAnchor | undefined> {
    let best: TimedAnchor | undefined;
    for (let read = 0; read < CLOCK_READS; read++) {
      let anchor: TimedAnchor | undefined;
      try {
        anchor = await this.readClockOnce(now);
      } catch (error) {
        this.options.logger?.warn(
          `Failover monitor: reading Prometheus' clock failed: ${errorText(
            error,
          )}`,
        );
      }
      if (!anchor) break;
      if (!best || anchor.uncertaintyMs < best.uncertaintyMs) best = anchor;
      if (best.uncertaintyMs <= TIGHT_CLOCK_MS) break;
    }
    return best;
  }

  private async readClockOnce(
    now: () => Date,
  ): Promise<TimedAnchor | undefined> {
    const { primary, secondary } = this.options.target;
    const started = now().getTime();
    const [first] = await this.options.metrics.query(
      this.userSelector([primary, secondary]),
    );
    if (!first) return undefined;
    const ended = now().getTime();
    return {
      backendAt: new Date((started + ended) / 2).toISOString(),
      prometheusMs: first.timestamp,
      uncertaintyMs: (ended - started) / 2,
    };
  }

  /**
   * The users' request counters of both regions since `sinceMs` (Prometheus'
   * clock, a little before the cut, given this read's own anchor), as raw
   * samples summed per scrape interval.
   */
  async readUserTraffic(
    sinceMs: (anchor: ClockAnchor) => number,
    now: () => Date = () => new Date(),
  ): Promise<UserTrafficReading> {
    const { primary, secondary } = this.options.target;
    const query = this.userSelector([primary, secondary]);
    const at = now().toISOString();
    const anchor = await this.readPrometheusClock(now);
    if (!anchor) {
      return { ok: false, query, at, error: "Prometheus' clock unreadable" };
    }
    try {
      const series = await this.options.metrics.querySamples(
        query,
        (anchor.prometheusMs - sinceMs(anchor)) / 1000,
        new Date(anchor.prometheusMs),
      );
      const roleOf = (region: string): FailoverRole | undefined => {
        if (region === (primary.metricsRegion ?? primary.region))
          return 'primary';
        if (region === (secondary.metricsRegion ?? secondary.region))
          return 'secondary';
        return undefined;
      };
      return {
        ok: true,
        query,
        anchor,
        intervals: aggregateIntervals(series, roleOf),
      };
    } catch (error) {
      return { ok: false, query, at, error: errorText(error) };
    }
  }

  private userSelector(regions: { region: string; metricsRegion?: string }[]) {
    return userRequestsSelector(regions.map(r => r.metricsRegion ?? r.region));
  }

  private async readProfile(): Promise<TrafficManagerObservation> {
    const { traffic, target } = this.options;
    const started = performance.now();
    let profile: TrafficManagerProfile;
    try {
      profile = await traffic.getProfile(target.profile);
    } catch (error) {
      this.options.logger?.warn(
        `Failover monitor: reading profile '${
          target.profile.profileName
        }' failed: ${errorText(error)}`,
      );
      return {
        ok: false,
        latencyMs: performance.now() - started,
        error: errorText(error),
      };
    }
    const latencyMs = performance.now() - started;
    this.fqdn ??= profile.dnsConfig.fqdn;
    const observe = (role: FailoverRole) => {
      const endpoint = findEndpoint(profile, target[role].endpoint);
      if (endpoint?.target) this.targets[role] = normalizeHost(endpoint.target);
      return (
        endpoint && {
          endpointStatus: endpoint.endpointStatus,
          monitorStatus: endpoint.endpointMonitorStatus,
        }
      );
    };
    const serving = servingEndpoint(profile);
    return {
      ok: true,
      latencyMs,
      primary: observe('primary'),
      secondary: observe('secondary'),
      routesTo:
        serving === undefined ? undefined : roleOfEndpoint(target, serving),
    };
  }

  private async resolve(): Promise<DnsObservation> {
    const started = performance.now();
    if (!this.fqdn) {
      return {
        ok: false,
        latencyMs: 0,
        error: 'the profile FQDN is unknown until ARM answers once',
      };
    }
    try {
      const answer = await this.options.dns.resolve(this.fqdn);
      return {
        ok: true,
        latencyMs: performance.now() - started,
        cname: answer.cname,
        ttl: answer.ttl,
      };
    } catch (error) {
      return {
        ok: false,
        latencyMs: performance.now() - started,
        error: errorText(error),
      };
    }
  }

  /** Maps the CNAME to a role by endpoint target, once this sample's profile read is in. */
  private withRegion(answer: DnsObservation): DnsObservation {
    if (!answer.ok || answer.cname === undefined) return answer;
    const host = normalizeHost(answer.cname);
    const role = (['primary', 'secondary'] as const).find(
      r => this.targets[r] === host,
    );
    // No known target at all (ARM never answered yet): leave it unmapped
    // rather than call a real answer "other".
    const known = this.targets.primary || this.targets.secondary;
    return { ...answer, answers: role ?? (known ? 'other' : undefined) };
  }

  /** A GET of the health URL like Traffic Manager's probe: 2xx within the timeout is up. */
  private async probe(url: string): Promise<ProbeObservation> {
    const started = performance.now();
    // The status is the answer: the request is ended as soon as it is in.
    // Nothing waits on the body, whose cancel may never settle (a stalled
    // stream, an HTTP interceptor) and would hold the sample, the run's tick
    // and the backend's shutdown with it.
    const answered = new AbortController();
    try {
      const res = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.any([
          answered.signal,
          AbortSignal.timeout(
            this.options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
          ),
        ]),
      });
      return {
        ok: res.status >= 200 && res.status < 300,
        status: res.status,
        latencyMs: performance.now() - started,
      };
    } catch (error) {
      return {
        ok: false,
        latencyMs: performance.now() - started,
        error: errorText(error),
      };
    } finally {
      answered.abort();
    }
  }
}
