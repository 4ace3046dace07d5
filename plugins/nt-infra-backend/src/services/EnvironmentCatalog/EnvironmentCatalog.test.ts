import { ConfigReader } from '@backstage/config';
import { EnvironmentCatalog } from './EnvironmentCatalog';

const catalog = EnvironmentCatalog.fromConfig(
  new ConfigReader({
    ntInfra: {
      environments: [
        {
          name: 'production',
          trafficManager: {
            subscriptionId: 's',
            resourceGroup: 'rg',
            profileName: 'tm-production',
          },
          regions: [
            {
              name: 'eastus',
              displayName: 'East US',
              role: 'primary',
              trafficManagerEndpoint: 'eastus',
              cluster: 'aks-eastus',
            },
          ],
        },
      ],
    },
  }),
);

describe('EnvironmentCatalog', () => {
  it('names a region as configured, and a region it no longer lists by its Azure name', () => {
    expect(catalog.regionDisplayName('production', 'eastus')).toBe('East US');
    expect(catalog.regionDisplayName('production', 'westus')).toBe('westus');
    expect(catalog.regionDisplayName('staging', 'eastus')).toBe('eastus');
  });
});
