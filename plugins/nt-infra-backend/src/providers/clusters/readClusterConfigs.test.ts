import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readClusterConfigs } from './readClusterConfigs';

function configWith(clusters: Record<string, string | boolean>[]) {
  return new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        { type: 'catalog' },
        { type: 'config', clusters },
      ],
    },
  });
}

describe('readClusterConfigs', () => {
  it('reads the sandbox and AKS shapes of app-config', () => {
    expect(
      readClusterConfigs(
        configWith([
          {
            name: 'aks-ntai-production-eastus',
            url: 'https://127.0.0.1:7111',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'sandbox',
            caFile: '../../.sandbox/ca.pem',
            skipMetricsLookup: true,
          },
          {
            name: 'aks-ntai-production-westus',
            url: 'https://aks-westus.hcp.westus.azmk8s.io:443',
            authProvider: 'azure',
            caData: 'LS0tLS1CRUdJTg==',
          },
        ]),
      ),
    ).toEqual([
      {
        name: 'aks-ntai-production-eastus',
        url: 'https://127.0.0.1:7111',
        auth: { type: 'serviceAccount', token: 'sandbox' },
        caData: undefined,
        // As the kubernetes plugin resolves it: from the working directory.
        caFile: path.resolve(process.cwd(), '../../.sandbox/ca.pem'),
        skipTLSVerify: false,
      },
      {
        name: 'aks-ntai-production-westus',
        url: 'https://aks-westus.hcp.westus.azmk8s.io:443',
        auth: { type: 'azure' },
        caData: 'LS0tLS1CRUdJTg==',
        caFile: undefined,
        skipTLSVerify: false,
      },
    ]);
  });

  it("prefers the run engine's own clusters to the kubernetes plugin's", () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'aks-ntai-production-eastus',
                url: 'https://aks-eastus:443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'read-only',
              },
            ],
          },
        ],
      },
      ntInfra: {
        clusters: [
          {
            name: 'aks-ntai-production-eastus',
            url: 'https://aks-eastus:443',
            authProvider: 'azure',
          },
        ],
      },
    });
    expect(readClusterConfigs(config).map(c => [c.name, c.auth])).toEqual([
      ['aks-ntai-production-eastus', { type: 'azure' }],
    ]);
  });

  it('has no clusters without a kubernetes section', () => {
    expect(readClusterConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('refuses an auth provider the backend cannot act as', () => {
    expect(() =>
      readClusterConfigs(
        configWith([
          { name: 'gke', url: 'https://gke', authProvider: 'google' },
        ]),
      ),
    ).toThrow(/cluster 'gke' has authProvider 'google'/);
  });

  it('refuses a cluster name declared twice', () => {
    const cluster = { name: 'a', url: 'https://a', authProvider: 'azure' };
    expect(() => readClusterConfigs(configWith([cluster, cluster]))).toThrow(
      /cluster 'a' is declared twice/,
    );
  });
});
