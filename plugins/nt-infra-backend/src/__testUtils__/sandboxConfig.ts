import { SandboxEndpoints } from '@internal/sandbox';

/**
 * app-config for a backend under test pointed at a running sandbox world,
 * shaped like the real app-config.yaml.
 */
export function sandboxConfig(
  endpoints: SandboxEndpoints,
  overrides: {
    refreshIntervalSeconds?: number;
    /** Serve the sandbox's production profile and clusters as this environment. */
    environment?: 'staging' | 'production';
    runs?: { tickSeconds?: number; leaseSeconds?: number };
    failover?: Record<string, number | boolean>;
  } = {},
) {
  const caPath = endpoints.caPath;
  if (!caPath) {
    throw new Error('the sandbox wrote no CA; is it serving HTTPS?');
  }
  // Only the clusters of the environment configured below (the sandbox also
  // runs staging's, which belong to its own profile).
  const clusterNames = [
    'aks-ntai-production-eastus',
    'aks-ntai-production-westus',
  ];
  const clusters = clusterNames.map(name => {
    const cluster = endpoints.clusters.find(c => c.name === name);
    if (!cluster) throw new Error(`the sandbox has no cluster ${name}`);
    return cluster;
  });
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'test',
            caFile: caPath,
          })),
        },
      ],
    },
    ntInfra: {
      refreshIntervalSeconds: overrides.refreshIntervalSeconds ?? 0,
      runs: { tickSeconds: 0.2, leaseSeconds: 5, ...overrides.runs },
      // Suites preview in bulk as one user; the budget's own tests use the default.
      previews: { perUser: 1000 },
      // Production failover tests need an approved window; the tests of that rule turn it on.
      failover: { productionRequiresWindow: false, ...overrides.failover },
      azure: {
        resourceManagerEndpoint: endpoints.arm.endpoint,
        caFiles: [caPath],
        credential: { type: 'static', token: 'test' },
        retry: { maxRetries: 1, retryDelayMs: 50, maxRetryDelayMs: 200 },
      },
      prometheus: { baseUrl: endpoints.prometheus, maxRetries: 0 },
      // The sandbox's DNS server shares the test's process: a second try
      // outlasts a stall of a loaded machine (one try once lost `byDns`).
      dns: { servers: [endpoints.dns.server], timeoutMs: 1000, tries: 2 },
      environments: [
        {
          name: overrides.environment ?? 'production',
          trafficManager: {
            subscriptionId: endpoints.arm.subscriptionId,
            resourceGroup: 'rg-ntai-production-global',
            profileName: 'tm-ntai-production',
          },
          regions: [
            {
              name: 'eastus',
              displayName: 'East US',
              role: 'primary',
              trafficManagerEndpoint: 'eastus',
              cluster: 'aks-ntai-production-eastus',
              healthUrl: `${endpoints.regions.eastus.app}/healthz`,
            },
            {
              name: 'westus',
              displayName: 'West US',
              role: 'secondary',
              trafficManagerEndpoint: 'westus',
              cluster: 'aks-ntai-production-westus',
              healthUrl: `${endpoints.regions.westus.app}/healthz`,
            },
          ],
        },
      ],
    },
  };
}
