import { loadTopology } from './loadTopology';
import { parseTopology, TopologyError } from './parseTopology';

describe('topology', () => {
  it('the default file follows the naming contract', () => {
    const t = loadTopology();
    expect(t.subscriptionId).toBe('00000000-0000-0000-0000-000000000000');
    // Production and staging: each environment has its own app and cluster per Azure region.
    expect(
      t.regions.map(r => [r.name, r.location, r.database, r.app.target]),
    ).toEqual([
      ['eastus', 'East US', 'ntai-postgres', 'ntai-eastus.sandbox.local'],
      ['westus', 'West US', 'ntai-postgres', 'ntai-westus.sandbox.local'],
      [
        'staging-eastus',
        'East US',
        'ntai-postgres-staging',
        'ntai-staging-eastus.sandbox.local',
      ],
      [
        'staging-westus',
        'West US',
        'ntai-postgres-staging',
        'ntai-staging-westus.sandbox.local',
      ],
    ]);
    expect(t.regions.map(r => r.clusters.map(c => c.name))).toEqual([
      ['aks-ntai-production-eastus'],
      ['aks-ntai-production-westus'],
      ['aks-ntai-staging-eastus'],
      ['aks-ntai-staging-westus'],
    ]);
    expect(t.regions.map(r => [r.app.port, r.clusters[0].port])).toEqual([
      [7181, 7111],
      [7182, 7112],
      [7183, 7113],
      [7184, 7114],
    ]);
    for (const cluster of t.regions.flatMap(r => r.clusters)) {
      expect(cluster.namespaces).toEqual(
        expect.arrayContaining(['ntai', 'chaos-mesh', 'kube-system']),
      );
      // Production runs ten API pods (its HPA floor), so a 10% experiment hits exactly one.
      const apiPods = cluster.name.includes('production') ? 10 : 3;
      expect(
        cluster.workloads
          .filter(w => w.namespace === 'ntai')
          .map(w => [w.name, w.replicas, w.component]),
      ).toEqual([
        ['ntai-api', apiPods, 'api'],
        ['ntai-web', 2, 'web'],
        ['ntai-worker', 2, 'worker'],
      ]);
    }
    expect(t.profiles.map(x => [x.name, x.environment])).toEqual([
      ['tm-ntai-production', 'production'],
      ['tm-ntai-staging', 'staging'],
    ]);
    const [p, staging] = t.profiles;
    expect(p).toMatchObject({
      name: 'tm-ntai-production',
      resourceGroup: 'rg-ntai-production-global',
      relativeName: 'ntai-production',
      ttl: 60,
      routingMethod: 'Priority',
      monitor: {
        path: '/healthz',
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
      },
    });
    expect(p.endpoints.map(e => [e.name, e.priority, e.target])).toEqual([
      ['eastus', 1, 'ntai-eastus.sandbox.local'],
      ['westus', 2, 'ntai-westus.sandbox.local'],
    ]);
    // Same monitor settings; its endpoints front the staging apps only.
    expect(staging).toMatchObject({
      resourceGroup: 'rg-ntai-staging-global',
      relativeName: 'ntai-staging',
      ttl: 60,
      routingMethod: 'Priority',
      monitor: p.monitor,
    });
    expect(
      staging.endpoints.map(e => [
        e.name,
        e.region,
        e.priority,
        e.target,
        e.endpointLocation,
      ]),
    ).toEqual([
      [
        'eastus',
        'staging-eastus',
        1,
        'ntai-staging-eastus.sandbox.local',
        'East US',
      ],
      [
        'westus',
        'staging-westus',
        2,
        'ntai-staging-westus.sandbox.local',
        'West US',
      ],
    ]);
  });

  it('scales to many regions and clusters without code changes', () => {
    const regions = Array.from({ length: 6 }, (_, r) => ({
      name: `region${r}`,
      clusters: [0, 1, 2].map(c => ({ name: `aks-r${r}-c${c}` })),
    }));
    const t = parseTopology({
      defaults: {
        workloads: [
          { namespace: 'ntai', name: 'api', replicas: 2, serving: true },
        ],
      },
      regions,
      trafficManager: {
        profiles: [
          {
            name: 'tm',
            resourceGroup: 'rg',
            relativeName: 'bench',
            endpoints: regions.map(r => ({ region: r.name })),
          },
        ],
      },
    });
    expect(t.regions.flatMap(r => r.clusters)).toHaveLength(18);
    expect(t.profiles[0].endpoints.map(e => e.priority)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it.each([
    [{ regions: [] }, '$.regions: at least one region'],
    [
      { regions: [{ name: 'Bad_Name' }] },
      "$.regions[0].name: 'Bad_Name' is not a DNS label",
    ],
    [{ regions: [{ name: 'a' }, { name: 'a' }] }, "duplicate 'a'"],
    [
      {
        regions: [{ name: 'a' }],
        trafficManager: {
          profiles: [
            {
              name: 'p',
              resourceGroup: 'rg',
              relativeName: 'p',
              monitor: { intervalInSeconds: 15 },
              endpoints: [],
            },
          ],
        },
      },
      'intervalInSeconds: must be one of 10, 30',
    ],
    [
      {
        regions: [{ name: 'a' }],
        trafficManager: {
          profiles: [
            {
              name: 'p',
              resourceGroup: 'rg',
              relativeName: 'p',
              endpoints: [{ region: 'nowhere' }],
            },
          ],
        },
      },
      "unknown region 'nowhere'",
    ],
    [
      {
        defaults: { workloads: [{ namespace: 'ntai', name: 'api' }] },
        regions: [
          { name: 'a', clusters: [{ name: 'c', replicas: { web: 2 } }] },
        ],
      },
      '$.regions[0].clusters[0].replicas.web: the cluster runs no workload named web',
    ],
  ])('rejects %j', (doc, message) => {
    expect(() => parseTopology(doc)).toThrow(TopologyError);
    expect(() => parseTopology(doc)).toThrow(message);
  });
});
