import {
  ChaosResource,
  PodSummary,
} from '../../providers/clusters/ClusterProvider';
import { computeBlastRadius } from '../chaos/blastRadius';
import { BlastRadiusPort, BlastRadiusQuery } from './ports';
import { RunPolicy } from './RunPolicy';

const api = (cluster: string, n: number): PodSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    namespace: 'ntai',
    name: `${cluster}-api-${String(i).padStart(2, '0')}`,
    labels: { 'app.kubernetes.io/name': 'ntai-api' },
    ready: true,
    phase: 'Running',
  }));

const resource: ChaosResource = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata: { name: 'api-pod-failure', namespace: 'ntai' },
  spec: {
    action: 'pod-failure',
    mode: 'fixed',
    value: '2',
    duration: '5m',
    selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
  },
};

/** Live pods per cluster, and every listing the policy asked for. */
function livePods(world: Record<string, PodSummary[]>) {
  const listings: BlastRadiusQuery[] = [];
  const port: BlastRadiusPort = {
    measure: async query => {
      listings.push(query);
      return computeBlastRadius({ ...query, pods: world[query.cluster] });
    },
  };
  return { port, listings, world };
}

function policyWith(blastRadius: BlastRadiusPort) {
  return new RunPolicy({
    settings: {
      productionMaxFraction: 0.1,
      productionMaxDurationSeconds: 3600,
      failoverRequiresWindow: true,
    },
    windows: { findCovering: async () => undefined },
    errorBudget: { remaining: async () => ({}) },
    halt: { engaged: async () => false },
    audit: {
      append: async () => {
        throw new Error('nothing is refused here');
      },
      list: async () => ({ items: [] }),
    },
    blastRadius,
  });
}

describe('RunPolicy blast radius', () => {
  const clusters = [
    { region: 'eastus', cluster: 'aks-east' },
    { region: 'westus', cluster: 'aks-west' },
  ];

  it('lists each cluster once per evaluation, judged against the production limit', async () => {
    const live = livePods({
      'aks-east': api('e', 20),
      'aks-west': api('w', 10),
    });
    const radii = await policyWith(live.port).measureBlastRadius({
      resource,
      seed: 'run-1',
      clusters,
    });
    expect(live.listings.map(l => [l.cluster, l.maxFraction])).toEqual([
      ['aks-east', 0.1],
      ['aks-west', 0.1],
    ]);
    expect(radii.map(r => [r.region, r.radius.targets.length])).toEqual([
      ['eastus', 2],
      ['westus', 2],
    ]);
    // 2 of 10 is above 10 %: the verdict comes with the measurement.
    expect(radii.map(r => r.radius.limit.allowed)).toEqual([true, false]);
  });

  it('re-checks the approved targets at start from one fresh listing per cluster, re-picking a pod that is gone', async () => {
    const live = livePods({
      'aks-east': api('e', 20),
      'aks-west': api('w', 30),
    });
    const policy = policyWith(live.port);
    const radii = await policy.measureBlastRadius({
      resource,
      seed: 'run-1',
      clusters,
    });
    const plans = radii.map(({ region, radius }) => ({
      region,
      cluster: radius.cluster,
      targets: radius.targets.map(p => ({
        namespace: p.namespace,
        name: p.name,
      })),
    }));
    // Between approval and start one approved pod in the west is replaced.
    const [gone] = plans[1].targets;
    live.world['aks-west'] = live.world['aks-west'].filter(
      p => p.name !== gone.name,
    );
    live.listings.length = 0;

    const rechecks = await policy.recheckBlastRadius({
      resource,
      seed: 'run-1',
      maxFraction: 0.1,
      plans,
    });

    expect(live.listings.map(l => l.cluster)).toEqual(['aks-east', 'aks-west']);
    const [east, west] = rechecks;
    expect(east.plan).toBe(plans[0]);
    expect(east.result.unchanged).toBe(true);
    expect(east.result.blastRadius.targets.map(p => p.name)).toEqual(
      plans[0].targets.map(p => p.name),
    );
    expect(west.result.unchanged).toBe(false);
    expect(west.result.blastRadius.targets.map(p => p.name)).not.toContain(
      gone.name,
    );
    expect(west.result.changes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^re-picked: ntai\//)]),
    );
  });
});
