import { SandboxEndpoints } from '@internal/sandbox';

/**
 * The portal's configuration for a backend under test pointed at a running
 * sandbox world (production profile, both regions), shaped like
 * app-config.yaml, with the roles of the permission matrix bound to users.
 */
export function sandboxPortalConfig(
  endpoints: SandboxEndpoints,
  options: { gitopsRemote: string; roles: Record<string, string[]> },
) {
  const caPath = endpoints.caPath;
  if (!caPath) throw new Error('the sandbox wrote no CA');
  const cluster = (region: string) => {
    const name = `aks-ntai-production-${region}`;
    const found = endpoints.clusters.find(c => c.name === name);
    if (!found) throw new Error(`the sandbox has no cluster ${name}`);
    return found;
  };
  const regions = ['eastus', 'westus'] as const;
  return {
    permission: { enabled: true, roles: options.roles },
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
      // Backstage's mock service principal may act everywhere here; the
      // environment scope has its own tests.
      serviceAccess: [
        {
          subject: 'external:test-service',
          environments: ['staging', 'production'],
        },
      ],
      refreshIntervalSeconds: 0,
      runs: { tickSeconds: 0.2, leaseSeconds: 5 },
      azure: {
        resourceManagerEndpoint: endpoints.arm.endpoint,
        caFiles: [caPath],
        credential: { type: 'static', token: 'test' },
        retry: { maxRetries: 0, retryDelayMs: 50, maxRetryDelayMs: 200 },
      },
      prometheus: { baseUrl: endpoints.prometheus, maxRetries: 0 },
      dns: { servers: [endpoints.dns.server], timeoutMs: 1000, tries: 1 },
      gitops: { provider: 'local', local: { remote: options.gitopsRemote } },
      environments: [
        {
          name: 'production',
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
