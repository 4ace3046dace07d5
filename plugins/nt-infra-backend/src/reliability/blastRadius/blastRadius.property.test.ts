import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  ChaosResource,
  PodSummary,
} from '../../providers/clusters/ClusterProvider';
import {
  computeBlastRadius,
  countedBlastRadius,
  pinTargets,
} from '../../services/chaos';
import { evaluateChaosPolicy } from '../../services/policy/ChaosPolicy';
import { reportFigures } from '../__testUtils__/reliabilityBackend';

const SEED = Number(process.env.NT_FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.NT_PROPERTY_RUNS ?? 3000);
const PRODUCTION_LIMIT = 0.1;
/**
 * The property is only worth something if the policy lets experiments through:
 * one refusing everything would pass it. About 12% are allowed with the
 * default seed; at least 5% must be, whatever the seed and run count.
 */
const MIN_ALLOWED_SHARE = 0.05;

const APPS = ['ntai-api', 'ntai-web', 'ntai-worker'];
const NAMESPACES = ['ntai', 'ntai-jobs'];

/** A cluster: each workload has 0..60 pods, some not Running. */
const topology = fc
  .array(
    fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      app: fc.constantFrom(...APPS),
      tier: fc.constantFrom('frontend', 'backend'),
      pods: fc.integer({ min: 0, max: 60 }),
      pendingEvery: fc.integer({ min: 0, max: 7 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map(workloads => {
    const pods: PodSummary[] = [];
    workloads.forEach((w, wi) => {
      for (let i = 0; i < w.pods; i++) {
        const pending = w.pendingEvery > 0 && i % w.pendingEvery === 0;
        pods.push({
          namespace: w.namespace,
          name: `${w.app}-${wi}-${i}`,
          labels: { 'app.kubernetes.io/name': w.app, tier: w.tier },
          ready: !pending,
          phase: pending ? 'Pending' : 'Running',
          workload: w.app,
        });
      }
    });
    return pods;
  });

const mode = fc.oneof(
  fc.record({ mode: fc.constantFrom('one', 'all') }),
  fc.record({
    mode: fc.constant('fixed'),
    value: fc.integer({ min: 1, max: 80 }).map(String),
  }),
  fc.record({
    mode: fc.constantFrom('fixed-percent', 'random-max-percent'),
    value: fc.integer({ min: 1, max: 100 }).map(String),
  }),
);

const selector = fc.record(
  {
    namespaces: fc.subarray(NAMESPACES, { minLength: 1 }),
    labelSelectors: fc.oneof(
      fc.constant({}),
      fc.constantFrom(...APPS).map(app => ({ 'app.kubernetes.io/name': app })),
      fc.constantFrom('frontend', 'backend').map(tier => ({ tier })),
    ),
    podPhaseSelectors: fc.constantFrom([], ['Running'], ['Pending']),
  },
  { requiredKeys: ['namespaces'] },
);

/** PodChaos, StressChaos, or NetworkChaos with a target in any direction. */
const experiment = fc
  .record({
    kind: fc.constantFrom('PodChaos', 'StressChaos', 'NetworkChaos'),
    main: fc.tuple(mode, selector),
    target: fc.option(fc.tuple(mode, selector), { nil: undefined }),
    direction: fc.constantFrom('to', 'from', 'both'),
  })
  .map(({ kind, main, target, direction }): ChaosResource => {
    const spec: Record<string, unknown> = {
      ...main[0],
      selector: main[1],
      duration: '5m',
    };
    if (kind === 'PodChaos') spec.action = 'pod-failure';
    if (kind === 'StressChaos') {
      spec.stressors = { cpu: { workers: 1, load: 50 } };
    }
    if (kind === 'NetworkChaos') {
      spec.action = 'delay';
      spec.delay = { latency: '100ms' };
      spec.direction = direction;
      if (target) spec.target = { ...target[0], selector: target[1] };
    }
    return {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind,
      metadata: { name: 'property', namespace: 'ntai' },
      spec,
    } as unknown as ChaosResource;
  });

/**
 * Chaos Mesh's own selection, written independently of the portal's: an
 * explicit `pods` map selects exactly the listed pods that exist; otherwise
 * namespaces, labels and phases filter.
 */
function chaosMeshSelects(sel: any, pods: PodSummary[]): PodSummary[] {
  if (sel.pods && Object.keys(sel.pods).length > 0) {
    return pods.filter(p => sel.pods[p.namespace]?.includes(p.name));
  }
  return pods.filter(
    p =>
      (sel.namespaces ?? ['ntai']).includes(p.namespace) &&
      Object.entries(sel.labelSelectors ?? {}).every(
        ([k, v]) => p.labels[k] === v,
      ) &&
      ((sel.podPhaseSelectors ?? []).length === 0 ||
        sel.podPhaseSelectors.includes(p.phase)),
  );
}

/** The most pods a mode lets Chaos Mesh pick out of `n`. */
function chaosMeshMaxHits(spec: any, n: number): number {
  const v = Number(spec.value);
  switch (spec.mode) {
    case 'one':
      return Math.min(1, n);
    case 'all':
      return n;
    case 'fixed':
      return Math.min(v, n);
    default:
      return Math.floor((n * v) / 100);
  }
}

describe('blast radius in production (property)', () => {
  const figures = {
    seed: SEED,
    'experiments tried': 0,
    'allowed by the policy': 0,
    'refused by the policy': 0,
    'not previewable (refused as input)': 0,
    'allowed above the limit': 0,
  };
  afterAll(() => reportFigures('blast radius property', figures));

  it('never lets a production experiment hit more than the limit of what it matches', async () => {
    await fc.assert(
      fc.asyncProperty(
        topology,
        experiment,
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom(0.05, 0.1, 0.5, 1),
        async (pods, resource, seed, windowMax) => {
          figures['experiments tried'] += 1;
          let radius;
          try {
            radius = computeBlastRadius({
              resource,
              cluster: 'aks-ntai-production-eastus',
              pods,
              seed,
              maxFraction: PRODUCTION_LIMIT,
            });
          } catch (error) {
            if (error instanceof InputError) {
              figures['not previewable (refused as input)'] += 1;
              return;
            }
            throw error;
          }
          const decision = await evaluateChaosPolicy(
            {
              environment: 'production',
              regions: ['eastus'],
              experimentId: 'PodChaos/ntai/property',
              requestedBy: 'user:default/alice',
              blastRadius: countedBlastRadius('eastus', radius),
              stopConditions: [
                {
                  metric: 'ntai:slo_burn_rate:5m',
                  op: '>',
                  threshold: 14.4,
                  for: '1m',
                },
              ],
              errorBudget: { eastus: 0.5 },
              durationSeconds: 300,
            },
            {
              halted: false,
              productionMaxFraction: PRODUCTION_LIMIT,
              productionMaxDurationSeconds: 3600,
              findWindow: async () => ({
                id: 'window',
                maxFraction: windowMax,
                stopConditions: [],
                endsAt: new Date(Date.now() + 3600_000).toISOString(),
              }),
            },
          );
          if (!decision.allowed) {
            figures['refused by the policy'] += 1;
            return;
          }
          figures['allowed by the policy'] += 1;
          const limit = Math.min(PRODUCTION_LIMIT, windowMax);
          const spec = resource.spec as any;
          const matching = chaosMeshSelects(spec.selector, pods);
          // What is applied: the pinned resource, as Chaos Mesh reads it.
          const applied = pinTargets(resource, radius.targets);
          const hit = chaosMeshSelects((applied.spec as any).selector, pods);
          const within = (n: number, of: number) => n <= limit * of + 1e-9;
          const ok =
            hit.length >= 1 &&
            hit.every(p => matching.includes(p)) &&
            within(hit.length, matching.length);
          let targetOk = true;
          if (spec.target && spec.direction !== 'to') {
            // Chaos Mesh injects into the target pods too, picked by the target's own mode.
            const targets = chaosMeshSelects(spec.target.selector, pods);
            targetOk = within(
              chaosMeshMaxHits(spec.target, targets.length),
              targets.length,
            );
          }
          if (!ok || !targetOk) {
            figures['allowed above the limit'] += 1;
          }
          expect({ ok, targetOk }).toEqual({ ok: true, targetOk: true });
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(figures['allowed by the policy']).toBeGreaterThanOrEqual(
      Math.ceil(RUNS * MIN_ALLOWED_SHARE),
    );
  });
});
