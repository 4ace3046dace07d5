import type { Topology } from './topology';
import type { TmProfile } from './trafficmanager';
import { profileFqdn, profileId } from './trafficmanager';
import { TRAFFIC_MANAGER_API_VERSION } from './payloads/arm';

/** The bound ports of a running sandbox. */
export type BoundPorts = {
  control: number;
  arm: number;
  dns: number;
  prometheus: number;
  argocd: number;
  clusters: Record<string, number>;
  apps: Record<string, number>;
};

/**
 * Where everything listens: written to `.sandbox/endpoints.json` and returned by
 * `startSandbox`, so the portal, e2e tests and scripts never guess a port.
 */
export type SandboxEndpoints = {
  version: 1;
  pid: number;
  startedAt: string;
  control: string;
  arm: { endpoint: string; subscriptionId: string; apiVersion: string };
  dns: { host: string; port: number; server: string };
  prometheus: string;
  /** The Argo CD stand-in's API (bearer token `sandbox` by default). */
  argocd: string;
  caPath?: string;
  kubeconfigPath?: string;
  regions: Record<
    string,
    { app: string; location: string; clusters: Record<string, string> }
  >;
  clusters: { name: string; region: string; url: string; context: string }[];
  trafficManager: {
    /** The first profile's id and FQDN (production in the default topology). */
    profileId?: string;
    fqdn?: string;
    profiles: {
      id: string;
      name: string;
      environment: string;
      resourceGroup: string;
      fqdn: string;
      endpoints: string[];
    }[];
  };
};

const base = (scheme: 'http' | 'https', port: number) =>
  `${scheme}://127.0.0.1:${port}`;

export function buildEndpoints(
  topology: Topology,
  profiles: TmProfile[],
  ports: BoundPorts,
  files: { caPath?: string; kubeconfigPath?: string },
): SandboxEndpoints {
  const profileEntries = profiles.map(p => ({
    id: profileId(p),
    name: p.name,
    environment: p.environment,
    resourceGroup: p.resourceGroup,
    fqdn: profileFqdn(p),
    endpoints: p.endpoints.map(e => e.name),
  }));
  return {
    version: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    control: base('http', ports.control),
    arm: {
      endpoint: base('https', ports.arm),
      subscriptionId: topology.subscriptionId,
      apiVersion: TRAFFIC_MANAGER_API_VERSION,
    },
    dns: {
      host: '127.0.0.1',
      port: ports.dns,
      server: `127.0.0.1:${ports.dns}`,
    },
    prometheus: base('http', ports.prometheus),
    argocd: base('http', ports.argocd),
    ...files,
    regions: Object.fromEntries(
      topology.regions.map(r => [
        r.name,
        {
          app: base('http', ports.apps[r.name]),
          location: r.location,
          clusters: Object.fromEntries(
            r.clusters.map(c => [
              c.name,
              base('https', ports.clusters[c.name]),
            ]),
          ),
        },
      ]),
    ),
    clusters: topology.regions.flatMap(r =>
      r.clusters.map(c => ({
        name: c.name,
        region: r.name,
        url: base('https', ports.clusters[c.name]),
        context: c.name,
      })),
    ),
    trafficManager: {
      profileId: profileEntries[0]?.id,
      fqdn: profileEntries[0]?.fqdn,
      profiles: profileEntries,
    },
  };
}
