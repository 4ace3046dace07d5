import { ConfigReader } from '@backstage/config';
import { readEnvironments } from './readEnvironments';

function region(name: string, role: string) {
  return {
    name,
    displayName: name,
    role,
    trafficManagerEndpoint: name,
    cluster: `aks-${name}`,
  };
}

function environment(name: string, regions: object[]) {
  return {
    name,
    trafficManager: {
      subscriptionId: 's',
      resourceGroup: 'rg',
      profileName: `tm-${name}`,
    },
    regions,
  };
}

function read(environments: object[]) {
  return readEnvironments(
    new ConfigReader({ ntInfra: { environments } } as any),
  );
}

describe('readEnvironments', () => {
  it('is empty when nothing is configured', () => {
    expect(readEnvironments(new ConfigReader({}))).toEqual([]);
  });

  it('reads environments and orders regions primary first', () => {
    const [env] = read([
      environment('staging', [
        region('westus', 'secondary'),
        region('eastus', 'primary'),
      ]),
    ]);
    expect(env.name).toBe('staging');
    expect(env.regions.map(r => r.name)).toEqual(['eastus', 'westus']);
  });

  it('derives the AKS cluster resource id only where its resource group is configured', () => {
    const [env, staging] = read([
      environment('production', [
        { ...region('eastus', 'primary'), aks: { resourceGroup: 'rg-east' } },
        {
          ...region('westus', 'secondary'),
          aks: {
            resourceGroup: 'rg-west',
            subscriptionId: 's2',
            name: 'aks-w',
          },
        },
      ]),
      environment('staging', [region('eastus', 'primary')]),
    ]);
    expect(env.regions.map(r => r.clusterResourceId)).toEqual([
      '/subscriptions/s/resourceGroups/rg-east/providers/Microsoft.ContainerService/managedClusters/aks-eastus',
      '/subscriptions/s2/resourceGroups/rg-west/providers/Microsoft.ContainerService/managedClusters/aks-w',
    ]);
    expect(staging.regions[0]).not.toHaveProperty('clusterResourceId');
  });

  it('labels metrics by region name unless told otherwise', () => {
    const [env] = read([
      environment('staging', [
        { ...region('eastus', 'primary'), metricsRegion: 'staging-eastus' },
        region('westus', 'secondary'),
      ]),
    ]);
    expect(env.regions.map(r => r.metricsRegion)).toEqual([
      'staging-eastus',
      'westus',
    ]);
  });

  it('rejects an unknown environment name, naming the key', () => {
    expect(() =>
      read([environment('qa', [region('eastus', 'primary')])]),
    ).toThrow(/'name' is 'qa'/);
  });

  it('rejects an unknown region role', () => {
    expect(() =>
      read([environment('staging', [region('eastus', 'leader')])]),
    ).toThrow(/'role' is 'leader'/);
  });

  it('requires exactly one primary region', () => {
    expect(() =>
      read([
        environment('staging', [
          region('eastus', 'primary'),
          region('westus', 'primary'),
        ]),
      ]),
    ).toThrow(/exactly one primary region, found 2/);
    expect(() =>
      read([environment('staging', [region('westus', 'secondary')])]),
    ).toThrow(/found 0/);
  });

  it('rejects a region or an environment listed twice', () => {
    expect(() =>
      read([
        environment('staging', [
          region('eastus', 'primary'),
          region('eastus', 'secondary'),
        ]),
      ]),
    ).toThrow(/lists a region twice/);
    expect(() =>
      read([
        environment('staging', [region('eastus', 'primary')]),
        environment('staging', [region('eastus', 'primary')]),
      ]),
    ).toThrow(/listed twice/);
  });

  it('names the missing key when a field is absent', () => {
    expect(() =>
      read([
        {
          name: 'staging',
          trafficManager: { subscriptionId: 's', resourceGroup: 'rg' },
          regions: [region('eastus', 'primary')],
        },
      ]),
    ).toThrow(/profileName/);
  });
});
