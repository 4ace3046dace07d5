import fs from 'node:fs';
import path from 'node:path';
import type { SandboxEndpoints } from '@internal/sandbox';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths';

type Region = {
  name: string;
  displayName: string;
  role: 'primary' | 'secondary';
  trafficManagerEndpoint: string;
  cluster: string;
  metricsRegion?: string;
  healthUrl?: string;
};

type Environment = {
  name: 'production' | 'staging';
  trafficManager: {
    subscriptionId: string;
    resourceGroup: string;
    profileName: string;
  };
  regions: Region[];
};

/**
 * The N regions × 3 clusters worlds of bench/topologies: the portal sees one
 * production "region" per cluster (its config has one cluster per region),
 * so every cluster is read, and each shares its Azure region's Traffic
 * Manager endpoint and SLI series.
 */
export function clustersAsRegions(endpoints: SandboxEndpoints): Environment[] {
  const regions: Region[] = endpoints.clusters.map((c, i) => ({
    name: c.name.replace(/^aks-ntai-production-/, ''),
    displayName: c.name,
    role: i === 0 ? 'primary' : 'secondary',
    trafficManagerEndpoint: c.region,
    cluster: c.name,
    metricsRegion: c.region,
  }));
  return [
    {
      name: 'production',
      trafficManager: {
        subscriptionId: endpoints.arm.subscriptionId,
        resourceGroup: 'rg-ntai-production-global',
        profileName: 'tm-ntai-production',
      },
      regions,
    },
  ];
}

/** The default sandbox world, configured as app-config.yaml does it. */
export function defaultWorld(endpoints: SandboxEndpoints): Environment[] {
  const region = (
    env: 'production' | 'staging',
    name: string,
    role: 'primary' | 'secondary',
  ): Region => {
    const sandboxRegion = env === 'production' ? name : `staging-${name}`;
    return {
      name,
      displayName: name === 'eastus' ? 'East US' : 'West US',
      role,
      trafficManagerEndpoint: name,
      cluster: `aks-ntai-${env}-${name}`,
      metricsRegion: sandboxRegion,
      healthUrl: `${endpoints.regions[sandboxRegion].app}/healthz`,
    };
  };
  return (['production', 'staging'] as const).map(env => ({
    name: env,
    trafficManager: {
      subscriptionId: endpoints.arm.subscriptionId,
      resourceGroup: `rg-ntai-${env}-global`,
      profileName: `tm-ntai-${env}`,
    },
    regions: [
      region(env, 'eastus', 'primary'),
      region(env, 'westus', 'secondary'),
    ],
  }));
}

export interface BackendConfigOptions {
  endpoints: SandboxEndpoints;
  caPath: string;
  environments: Environment[];
  port: number;
  sqliteDir: string;
  refreshIntervalSeconds: number;
  runs?: { tickSeconds?: number; leaseSeconds?: number };
  failover?: Record<string, number>;
  /** Other origins the browser app may be served from (a development server). */
  extraCorsOrigins?: string[];
  /**
   * Frontend extensions the served app leaves out, e.g. `api:signals` for an
   * app without the signals API.
   */
  disabledExtensions?: string[];
}

/**
 * app-config.yaml's `app.extensions` with the given ones disabled: Backstage
 * replaces arrays when it layers config, so the override repeats the rest.
 */
function appExtensions(disabled: string[]): unknown[] {
  const base = parse(
    fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  )?.app?.extensions;
  return [
    ...(Array.isArray(base) ? base : []),
    ...disabled.map(id => ({ [id]: false })),
  ];
}

/**
 * Layered over app-config.yaml: the benchmark's own sandbox, port and
 * database. Backstage replaces arrays rather than merging them, so the
 * clusters and environments here are the only ones the backend sees.
 */
export function backendConfig(o: BackendConfigOptions) {
  const baseUrl = `http://localhost:${o.port}`;
  return {
    app: {
      baseUrl,
      ...(o.disabledExtensions?.length
        ? { extensions: appExtensions(o.disabledExtensions) }
        : {}),
    },
    backend: {
      baseUrl,
      listen: { port: o.port, host: '127.0.0.1' },
      cors: { origin: [baseUrl, ...(o.extraCorsOrigins ?? [])] },
      database: {
        client: 'better-sqlite3',
        connection: { directory: o.sqliteDir },
      },
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: o.endpoints.clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'bench',
            caFile: o.caPath,
            skipMetricsLookup: true,
          })),
        },
      ],
    },
    ntInfra: {
      refreshIntervalSeconds: o.refreshIntervalSeconds,
      runs: o.runs ?? {},
      ...(o.failover ? { failover: o.failover } : {}),
      azure: {
        resourceManagerEndpoint: o.endpoints.arm.endpoint,
        caFiles: [o.caPath],
        credential: { type: 'static', token: 'bench' },
      },
      prometheus: { baseUrl: o.endpoints.prometheus },
      dns: { servers: [o.endpoints.dns.server] },
      environments: o.environments,
    },
  };
}
