import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TestSandbox, startTestSandbox, waitFor } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';
import { PrometheusMetricsProvider } from '../../providers/metrics/PrometheusMetricsProvider';
import { previewBlastRadius, recheckBlastRadius } from './blastRadius';
import { pinTargets } from './pinTargets';
import { Clock, StopConditionWatcher } from './StopConditionWatcher';

// One world for the file; the fast clock makes 30 s rule evaluations take 1 s.
jest.setTimeout(30_000);

const SPEED = 30;
const EAST = 'aks-ntai-production-eastus';
const WEST = 'aks-ntai-production-westus';
const REPO_ROOT = path.resolve(__dirname, '../../../../..');

function libraryExperiment(file: string): ChaosResource {
  return parseYaml(
    fs.readFileSync(
      path.join(REPO_ROOT, 'kubernetes/chaos-experiments', file),
      'utf8',
    ),
  );
}

describe('chaos guard rails against the sandbox world', () => {
  let sandbox: TestSandbox;
  let clusters: KubernetesClusterProvider;
  let metrics: PrometheusMetricsProvider;
  /** The world's clock, which Prometheus' sample timestamps follow. */
  let worldClock: Clock;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: SPEED, seed: 'chaos-tests' });
    const config = new ConfigReader(sandboxConfig(sandbox.endpoints));
    const logger = mockServices.logger.mock();
    clusters = KubernetesClusterProvider.fromConfig(config, { logger });
    metrics = PrometheusMetricsProvider.fromConfig(config, { logger });
    const world0 = await sandbox.worldNow();
    const real0 = Date.now();
    worldClock = { now: () => new Date(world0 + (Date.now() - real0) * SPEED) };
  });
  afterAll(() => sandbox?.stop());
  afterEach(() => sandbox.control('/reset', { method: 'POST' }));

  it("the library api-pod-failure (fixed-percent 10) hits exactly one of production's 10 api pods", async () => {
    // Chaos Mesh computes ⌊10 · 10 / 100⌋ = 1: the production floor of ten API
    // pods is what makes the weekly 10% experiment real rather than hollow.
    const preview = await previewBlastRadius({
      resource: libraryExperiment('production/api-pod-failure.yaml'),
      cluster: EAST,
      clusters,
      seed: 'run-1',
    });
    expect(preview.matching).toHaveLength(10);
    expect(new Set(preview.matching.map(p => p.workload))).toEqual(
      new Set(['ntai-api']),
    );
    expect(preview.targets).toHaveLength(1);
    expect(preview.limit).toEqual({
      maxFraction: 0.1,
      allowed: true,
      reason: 'hits 1 of 10 matching pods (10%), within the limit of 10%',
    });
  });

  it('fixed 2 lists two pods, and the pinned resource fails exactly those pods', async () => {
    const library = libraryExperiment('production/api-pod-failure.yaml');
    const resource: ChaosResource = {
      ...library,
      metadata: { name: 'nt-run42-pod-failure', namespace: 'ntai' },
      spec: { ...library.spec, mode: 'fixed', value: '2' },
    };
    const production = await previewBlastRadius({
      resource,
      cluster: EAST,
      clusters,
      seed: 'run-42',
    });
    expect(production.targets).toHaveLength(2);
    expect(production.limit).toMatchObject({
      allowed: false,
      reason: 'would hit 2 of 10 matching pods (20%), above the limit of 10%',
    });

    // Staging allows half the pods; same seed, same pod.
    const staging = await previewBlastRadius({
      resource,
      cluster: EAST,
      clusters,
      seed: 'run-42',
      maxFraction: 0.5,
    });
    expect(staging.limit.allowed).toBe(true);
    expect(staging.targets).toEqual(production.targets);
    const victims = staging.targets.map(p => p.name).sort();

    await clusters.createChaos(
      EAST,
      pinTargets(resource, staging.targets),
      'run-42',
    );
    const pods = await waitFor(async () => {
      const list = await clusters.listPods(
        EAST,
        'ntai',
        'app.kubernetes.io/name=ntai-api',
      );
      return list.filter(p => !p.ready).length >= 2 ? list : undefined;
    });
    expect(
      pods
        .filter(p => !p.ready)
        .map(p => p.name)
        .sort(),
    ).toEqual(victims);

    // At run start the re-check finds the same pod still there and matching.
    const live = await previewBlastRadius({
      resource,
      cluster: EAST,
      clusters,
      seed: 'run-42',
      maxFraction: 0.5,
    });
    const recheck = recheckBlastRadius(staging, live);
    expect(recheck).toMatchObject({ unchanged: true, changes: [] });
    expect(recheck.blastRadius.targets.map(p => p.name).sort()).toEqual(
      victims,
    );
  });

  it('stops on the burn rate of the region whose API is down, not the healthy one', async () => {
    const condition = {
      metric: 'ntai:slo_burn_rate:5m',
      op: '>' as const,
      threshold: 14.4,
      for: '0s',
    };
    // The world was just reset: wait for the recording rules to have data
    // in both regions (otherwise fail-safe would stop the run as blind).
    await waitFor(
      async () => {
        const v = await StopConditionWatcher.create({
          conditions: [condition],
          regions: ['eastus', 'westus'],
          metrics,
          failSafe: false,
        }).evaluate();
        return v.missing.length === 0 && !v.breached;
      },
      15_000,
      200,
    );
    const library = libraryExperiment('production/api-pod-failure.yaml');
    await clusters.createChaos(
      WEST,
      {
        ...library,
        metadata: { name: 'nt-run7-pod-failure', namespace: 'ntai' },
        spec: {
          ...library.spec,
          mode: 'all',
          value: undefined,
          duration: '10m',
        },
      },
      'run-7',
    );
    const watcher = StopConditionWatcher.create({
      conditions: [condition],
      regions: ['eastus', 'westus'],
      metrics,
      clock: worldClock,
      failSafe: true,
    });
    const verdict = await waitFor(
      async () => {
        const v = await watcher.evaluate();
        return v.breached ? v : undefined;
      },
      20_000,
      200,
    );
    expect(verdict.missing).toEqual([]);
    expect(verdict.evidence).toEqual([
      expect.objectContaining({
        region: 'westus',
        metric: 'ntai:slo_burn_rate:5m',
        value: expect.any(Number),
      }),
    ]);
    expect(verdict.evidence[0].value).toBeGreaterThan(14.4);
    // Measured in world time; well under one rule-evaluation interval (30 s).
    expect(verdict.evidence[0].detectionLatencyMs).toBeLessThan(30_000);
  });

  it('fails safe on a metric the world does not serve, only in production', async () => {
    const options = {
      conditions: [
        {
          metric: 'ntai:not_a_recording_rule',
          op: '>' as const,
          threshold: 1,
          for: '0s',
        },
      ],
      regions: ['eastus'],
      metrics,
      clock: worldClock,
    };
    const prod = await StopConditionWatcher.create({
      ...options,
      failSafe: true,
    }).evaluate();
    expect(prod.breached).toBe(true);
    expect(prod.evidence).toEqual([
      expect.objectContaining({ region: 'eastus', missing: 'no sample' }),
    ]);
    const staging = await StopConditionWatcher.create({
      ...options,
      failSafe: false,
    }).evaluate();
    expect(staging).toMatchObject({
      breached: false,
      missing: [expect.objectContaining({ reason: 'no sample' })],
    });
  });
});
