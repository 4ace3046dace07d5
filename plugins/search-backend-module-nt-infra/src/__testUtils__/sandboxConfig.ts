import { SandboxEndpoints } from '@internal/sandbox';

/**
 * nt-infra's app-config for a backend under test pointed at a running
 * sandbox world, serving its production profile and clusters as `staging`
 * (no approval or window needed to start runs).
 */
export function sandboxConfig(endpoints: SandboxEndpoints) {
  const caPath = endpoints.caPath;
  if (!caPath) {
    throw new Error('the sandbox wrote no CA; is it serving HTTPS?');
  }
  const regions = ['eastus', 'westus'] as const;
  const cluster = (region: string) => {
    const name = `aks-ntai-production-${region}`;
    const found = endpoints.clusters.find(c => c.name === name);
    if (!found) throw new Error(`the sandbox has no cluster ${name}`);
    return found;
  };
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: regions.map(r => ({
            name: cluster(r).name,
            url: cluster(r).url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'test',
            caFile: caPath,
          })),
        },
      ],
    },
    ntInfra: {
      refreshIntervalSeconds: 0,
      runs: { tickSeconds: 0.2, leaseSeconds: 5 },
      failover: { holdDownSeconds: 2, probeTimeoutMs: 250 },
      azure: {
        resourceManagerEndpoint: endpoints.arm.endpoint,
        caFiles: [caPath],
        credential: { type: 'static', token: 'test' },
        retry: { maxRetries: 1, retryDelayMs: 50, maxRetryDelayMs: 200 },
      },
      prometheus: { baseUrl: endpoints.prometheus, maxRetries: 0 },
      dns: { servers: [endpoints.dns.server], timeoutMs: 1000, tries: 1 },
      environments: [
        {
          name: 'staging',
          trafficManager: {
            subscriptionId: endpoints.arm.subscriptionId,
            resourceGroup: 'rg-ntai-production-global',
            profileName: 'tm-ntai-production',
          },
          regions: regions.map((r, i) => ({
            name: r,
            displayName: r,
            role: i === 0 ? 'primary' : 'secondary',
            trafficManagerEndpoint: r,
            cluster: cluster(r).name,
            healthUrl: `${endpoints.regions[r].app}/healthz`,
          })),
        },
      ],
    },
  };
}
