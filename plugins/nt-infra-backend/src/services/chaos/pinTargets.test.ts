import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { pinTargets } from './pinTargets';

const pod = (namespace: string, name: string) => ({
  namespace,
  name,
  labels: {},
  ready: true,
  phase: 'Running',
});

describe('pinTargets', () => {
  const networkChaos: ChaosResource = {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'NetworkChaos',
    metadata: { name: 'latency', namespace: 'ntai' },
    spec: {
      action: 'delay',
      mode: 'fixed-percent',
      value: '10',
      duration: '5m',
      direction: 'both',
      delay: { latency: '100ms' },
      selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
      target: {
        mode: 'one',
        selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' } },
      },
    },
  };

  it('turns a random selection into mode all over exactly the listed pods', () => {
    const snapshot = structuredClone(networkChaos);
    const pinned = pinTargets(networkChaos, [
      pod('ntai', 'ntai-api-b'),
      pod('other', 'x-1'),
      pod('ntai', 'ntai-api-a'),
    ]);
    expect(pinned.spec).toEqual({
      action: 'delay',
      mode: 'all',
      duration: '5m',
      direction: 'both',
      delay: { latency: '100ms' },
      selector: {
        pods: { ntai: ['ntai-api-a', 'ntai-api-b'], other: ['x-1'] },
      },
      // Only the main selector is pinned; the target side stays as written.
      target: networkChaos.spec.target,
    });
    expect(pinned.metadata).toEqual(networkChaos.metadata);
    // Library manifests are reused by later runs.
    expect(networkChaos).toEqual(snapshot);
  });

  it('refuses to pin to no pod (an empty pods map selects the whole namespace)', () => {
    expect(() => pinTargets(networkChaos, [])).toThrow('to no pod');
  });
});
