import {
  BurnRateWindow,
  ClusterReadiness,
  DnsAnswer,
  EnvironmentConfig,
  EnvironmentHealth,
  EnvironmentName,
  EnvironmentTraffic,
  Observed,
  RegionConfig,
  RegionHealth,
  RegionSlis,
  ServingRegion,
  SloState,
  TrafficManagerEndpoint,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';
import { ClusterProvider } from '../../providers/clusters/ClusterProvider';
import { DnsProvider } from '../../providers/dns/DnsProvider';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { UpstreamCache } from '../UpstreamCache';
import { readSlis } from './readSlis';
import {
  DEFAULT_THRESHOLDS,
  regionVerdict,
  VerdictThresholds,
} from './regionVerdict';
import { servingEndpoint } from './servingEndpoint';

export interface HealthServiceOptions {
  environments: EnvironmentCatalog;
  traffic: TrafficProvider;
  clusters: ClusterProvider;
  metrics: MetricsProvider;
  dns: DnsProvider;
  cache: UpstreamCache;
  /** Namespace of the platform's workloads in every region cluster. */
  workloadNamespace: string;
  /** Burn-rate window standing in for the SLO period when computing the budget left. */
  budgetWindow: BurnRateWindow;
  thresholds?: VerdictThresholds;
}

/** Derives a part of an observed value, keeping its freshness. */
function derive<T, U>(
  observed: Observed<T>,
  pick: (value: T) => U | undefined,
  missing: string,
): Observed<U> {
  if (observed.value === undefined) {
    return { status: 'unavailable', error: observed.error };
  }
  const value = pick(observed.value);
  if (value === undefined) {
    return { status: 'unavailable', error: missing };
  }
  return { ...observed, value };
}

function hostOf(name: string | undefined): string | undefined {
  return name?.toLowerCase().replace(/\.$/, '');
}

/**
 * Live state of every environment: Traffic Manager, clusters, SLIs and DNS,
 * read through the shared cache, turned into per-region verdicts and the
 * answer to "who serves traffic now".
 */
export class HealthService {
  constructor(private readonly options: HealthServiceOptions) {}

  async regions(only?: EnvironmentName): Promise<EnvironmentHealth[]> {
    return Promise.all(
      this.select(only).map(env => this.environmentHealth(env)),
    );
  }

  async traffic(only?: EnvironmentName): Promise<EnvironmentTraffic[]> {
    return Promise.all(
      this.select(only).map(env => this.environmentTraffic(env)),
    );
  }

  private select(only?: EnvironmentName): EnvironmentConfig[] {
    const { environments } = this.options;
    return only ? [environments.get(only)] : environments.list();
  }

  private profile(
    env: EnvironmentConfig,
  ): Promise<Observed<TrafficManagerProfile>> {
    const ref = env.trafficManager;
    return this.options.cache.read(`traffic:${ref.resourceId}`, () =>
      this.options.traffic.getProfile(ref),
    );
  }

  private readiness(cluster: string): Promise<Observed<ClusterReadiness>> {
    const { cache, clusters, workloadNamespace } = this.options;
    return cache.read(`readiness:${cluster}:${workloadNamespace}`, () =>
      clusters.getReadiness(cluster, workloadNamespace),
    );
  }

  private slis(): Promise<Observed<Map<string, RegionSlis>>> {
    return this.options.cache.read('slis', () =>
      readSlis(this.options.metrics),
    );
  }

  private dnsAnswer(fqdn: string): Promise<Observed<DnsAnswer>> {
    return this.options.cache.read(`dns:${fqdn}`, () =>
      this.options.dns.resolve(fqdn),
    );
  }

  private async environmentHealth(
    env: EnvironmentConfig,
  ): Promise<EnvironmentHealth> {
    const [profile, slis, readiness] = await Promise.all([
      this.profile(env),
      this.slis(),
      Promise.all(env.regions.map(r => this.readiness(r.cluster))),
    ]);
    const serving = profile.value ? servingEndpoint(profile.value) : undefined;
    return {
      name: env.name,
      trafficManager: env.trafficManager,
      regions: env.regions.map((region, i) =>
        this.regionHealth(region, profile, readiness[i], slis, serving),
      ),
    };
  }

  private regionHealth(
    region: RegionConfig,
    profile: Observed<TrafficManagerProfile>,
    readiness: Observed<ClusterReadiness>,
    allSlis: Observed<Map<string, RegionSlis>>,
    servingEndpointName: string | undefined,
  ): RegionHealth {
    const endpoint = derive<TrafficManagerProfile, TrafficManagerEndpoint>(
      profile,
      p => p.endpoints.find(e => e.name === region.trafficManagerEndpoint),
      `endpoint '${region.trafficManagerEndpoint}' is not in the profile`,
    );
    const slis = derive(
      allSlis,
      m => m.get(region.metricsRegion),
      `no SLI series for region '${region.name}'`,
    );
    const slo = derive<RegionSlis, SloState>(
      slis,
      s => {
        const burn = s.burnRates[this.options.budgetWindow];
        if (burn === undefined) return undefined;
        const remaining = 1 - burn;
        return {
          objective: (this.options.thresholds ?? DEFAULT_THRESHOLDS).objective,
          errorBudgetRemaining: remaining,
          exhausted: remaining <= 0,
        };
      },
      `no burn rate over ${this.options.budgetWindow}`,
    );
    const { verdict, reasons } = regionVerdict({
      endpoint,
      readiness,
      slis,
      slo,
      thresholds: this.options.thresholds,
    });
    return {
      ...region,
      verdict,
      reasons,
      serving: servingEndpointName === region.trafficManagerEndpoint,
      endpoint,
      readiness,
      slis,
      slo,
    };
  }

  private async environmentTraffic(
    env: EnvironmentConfig,
  ): Promise<EnvironmentTraffic> {
    const profile = await this.profile(env);
    const fqdn = profile.value?.dnsConfig.fqdn;
    const dns: Observed<DnsAnswer> = fqdn
      ? await this.dnsAnswer(fqdn)
      : { status: 'unavailable', error: 'the profile FQDN is unknown' };
    return {
      name: env.name,
      trafficManager: env.trafficManager,
      profile,
      dns,
      serving: this.servingRegion(env, profile.value, dns.value),
    };
  }

  private servingRegion(
    env: EnvironmentConfig,
    profile: TrafficManagerProfile | undefined,
    answer: DnsAnswer | undefined,
  ): ServingRegion {
    const regionOfEndpoint = (name: string | undefined) =>
      env.regions.find(r => r.trafficManagerEndpoint === name)?.name;
    const endpoint = profile ? servingEndpoint(profile) : undefined;
    const byTrafficManager = regionOfEndpoint(endpoint);
    const answered = hostOf(answer?.cname);
    const byDns = answered
      ? regionOfEndpoint(
          profile?.endpoints.find(e => hostOf(e.target) === answered)?.name,
        )
      : undefined;
    return {
      byTrafficManager,
      byDns,
      endpoint,
      agree:
        byTrafficManager !== undefined &&
        byDns !== undefined &&
        byTrafficManager === byDns,
    };
  }
}
