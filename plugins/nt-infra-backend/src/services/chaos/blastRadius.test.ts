import {
  ChaosResource,
  PodSummary,
} from '../../providers/clusters/ClusterProvider';
import { computeBlastRadius, recheckBlastRadius } from './blastRadius';

function pod(
  name: string,
  labels: Record<string, string>,
  namespace = 'ntai',
  phase = 'Running',
): PodSummary {
  return { namespace, name, labels, ready: true, phase };
}

const api = (n: number, prefix = 'ntai-api') =>
  Array.from({ length: n }, (_, i) =>
    pod(`${prefix}-${String(i).padStart(2, '0')}`, {
      'app.kubernetes.io/name': 'ntai-api',
      'app.kubernetes.io/component': 'api',
    }),
  );
const web = [
  pod('ntai-web-0', { 'app.kubernetes.io/name': 'ntai-web' }),
  pod('ntai-web-1', { 'app.kubernetes.io/name': 'ntai-web' }),
];
// Same labels, other namespace: must not match a selector without namespaces.
const foreign = [
  pod('ntai-api-x', { 'app.kubernetes.io/name': 'ntai-api' }, 'staging'),
];

function podChaos(
  mode: string,
  value?: string,
  selector: Record<string, unknown> = {
    labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
  },
): ChaosResource {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'PodChaos',
    metadata: { name: 'api-pod-failure', namespace: 'ntai' },
    spec: {
      action: 'pod-failure',
      mode,
      ...(value ? { value } : {}),
      duration: '5m',
      selector,
    },
  };
}

const preview = (resource: ChaosResource, pods: PodSummary[], seed = 'r1') =>
  computeBlastRadius({ resource, cluster: 'aks-east', pods, seed });

describe('computeBlastRadius', () => {
  const world = [...api(20), ...web, ...foreign];

  it('matches in the resource namespace when namespaces is empty and picks exactly the mode count', () => {
    const r = preview(podChaos('fixed', '2'), world);
    expect(r.matching.map(p => p.name)).toEqual(api(20).map(p => p.name));
    expect(r.targets).toHaveLength(2);
    expect(r.fraction).toBe(0.1);
    expect(r.limit).toEqual({
      maxFraction: 0.1,
      allowed: true,
      reason: 'hits 2 of 20 matching pods (10%), within the limit of 10%',
    });
  });

  it('gives the same targets for the same seed and others for another seed', () => {
    const names = (seed: string) =>
      preview(podChaos('fixed', '2'), world, seed).targets.map(p => p.name);
    expect(names('run-1')).toEqual(names('run-1'));
    const seeds = Array.from({ length: 10 }, (_, i) =>
      names(`run-${i}`).join(),
    );
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('refuses above the limit, naming the numbers', () => {
    const r = preview(podChaos('fixed', '3'), world);
    expect(r.limit.allowed).toBe(false);
    expect(r.limit.reason).toBe(
      'would hit 3 of 20 matching pods (15%), above the limit of 10%',
    );
  });

  it('refuses a selector that matches no pod', () => {
    const r = preview(
      podChaos('all', undefined, {
        namespaces: ['ntai'],
        labelSelectors: { app: 'none' },
      }),
      world,
    );
    expect(r.matching).toEqual([]);
    expect(r.limit).toMatchObject({
      allowed: false,
      reason: 'selector matches no pod in aks-east',
    });
  });

  it('refuses a percentage that rounds down to no pod (10% of 3)', () => {
    const r = preview(podChaos('fixed-percent', '10'), api(3));
    expect(r.targets).toEqual([]);
    expect(r.limit.allowed).toBe(false);
    expect(r.limit.reason).toContain(
      'fixed-percent 10 of 3 matching pods hits 0 pods',
    );
  });

  it('evaluates expression and phase selectors, and explicit pods replace the rest', () => {
    const pending = pod(
      'ntai-api-p',
      { 'app.kubernetes.io/name': 'ntai-api' },
      'ntai',
      'Pending',
    );
    const expr = preview(
      podChaos('all', undefined, {
        namespaces: ['ntai', 'staging'],
        expressionSelectors: [
          {
            key: 'app.kubernetes.io/name',
            operator: 'In',
            values: ['ntai-api'],
          },
          { key: 'app.kubernetes.io/component', operator: 'DoesNotExist' },
        ],
        podPhaseSelectors: ['Running'],
      }),
      [...world, pending],
    );
    expect(expr.matching.map(p => `${p.namespace}/${p.name}`)).toEqual([
      'staging/ntai-api-x',
    ]);
    const explicit = preview(
      podChaos('all', undefined, {
        labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' },
        pods: { ntai: ['ntai-api-03', 'gone'] },
      }),
      world,
    );
    expect(explicit.matching.map(p => p.name)).toEqual(['ntai-api-03']);
  });

  it('refuses selector fields it cannot evaluate instead of guessing', () => {
    expect(() =>
      preview(
        podChaos('one', undefined, { nodeSelectors: { zone: '1' } }),
        world,
      ),
    ).toThrow('spec.selector.nodeSelectors is not supported');
  });

  it('previews the target side of a NetworkChaos and limits it when faults are injected there', () => {
    const resource: ChaosResource = {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'NetworkChaos',
      metadata: { name: 'api-web', namespace: 'ntai' },
      spec: {
        action: 'partition',
        mode: 'one',
        direction: 'both',
        duration: '1m',
        selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
        target: {
          mode: 'all',
          selector: {
            labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' },
          },
        },
      },
    };
    const r = preview(resource, world);
    expect(r.targets).toHaveLength(1);
    expect(r.target).toMatchObject({
      direction: 'both',
      hits: { min: 2, max: 2 },
    });
    expect(r.target!.matching.map(p => p.name)).toEqual([
      'ntai-web-0',
      'ntai-web-1',
    ]);
    expect(r.limit.reason).toBe(
      'direction both also injects into up to 2 of 2 target pods (100%), above the limit of 10%',
    );
    // With direction `to` the web pods are only peers.
    const to = preview(
      { ...resource, spec: { ...resource.spec, direction: 'to' } },
      world,
    );
    expect(to.limit.allowed).toBe(true);
  });
});

describe('recheckBlastRadius', () => {
  const resource = podChaos('fixed', '2');
  const before = preview(resource, api(20), 'run-9');

  it('keeps the approved targets while they still exist and match', () => {
    // A new pod appears: it may win tomorrow's draw, but the approver saw these.
    const grown = [...api(20), ...api(5, 'ntai-api-new')];
    const result = recheckBlastRadius(
      before,
      preview(resource, grown, 'run-9'),
    );
    expect(result.unchanged).toBe(true);
    expect(result.blastRadius.targets).toEqual(before.targets);
    expect(result.changes).toEqual(['matching pods changed from 20 to 25']);
  });

  it('re-picks and says why when a target is gone', () => {
    const [gone] = before.targets;
    const live = preview(
      resource,
      api(20).filter(p => p.name !== gone.name),
      'run-9',
    );
    const result = recheckBlastRadius(before, live);
    expect(result.unchanged).toBe(false);
    expect(result.blastRadius.targets).toHaveLength(2);
    expect(result.blastRadius.targets.map(p => p.name)).not.toContain(
      gone.name,
    );
    // The surviving pick stays picked.
    expect(result.blastRadius.targets).toContainEqual(before.targets[1]);
    expect(result.changes).toEqual([
      `target ntai/${gone.name} no longer matches the selector (deleted, replaced or relabelled)`,
      'matching pods changed from 20 to 19',
      expect.stringMatching(/^re-picked: ntai\/ntai-api-/),
      'would hit 2 of 19 matching pods (10.5%), above the limit of 10%',
    ]);
    expect(result.blastRadius.limit.allowed).toBe(false);
  });
});
