import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TestSandbox, startTestSandbox, waitFor } from '@internal/sandbox';
import { KubernetesClusterProvider } from '../clusters/KubernetesClusterProvider';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';
import { regionSliQueries } from './sliQueries';

// Booting a world and letting its 5-minute windows fill (at 20× speed)
// needs more than jest's default 5 s.
jest.setTimeout(30_000);

const REGIONS = ['eastus', 'westus'];
const WEST_CLUSTER = 'aks-ntai-production-westus';

describe('PrometheusMetricsProvider against the sandbox world', () => {
  let sandbox: TestSandbox;
  let metrics: PrometheusMetricsProvider;
  let clusters: KubernetesClusterProvider;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    const config = new ConfigReader({
      ntInfra: { prometheus: { baseUrl: sandbox.endpoints.prometheus } },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: sandbox.endpoints.clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'test-token',
              caFile: sandbox.endpoints.caPath,
            })),
          },
        ],
      },
    });
    const logger = mockServices.logger.mock();
    metrics = PrometheusMetricsProvider.fromConfig(config, { logger });
    clusters = KubernetesClusterProvider.fromConfig(config, { logger });
  });
  afterAll(() => sandbox?.stop());

  /** One region's value of a query, once the recording rules have produced it. */
  async function valueOf(promql: string): Promise<number> {
    // No `time`: the sandbox evaluates at its own (fast) world clock.
    const samples = await metrics.query(promql);
    expect(samples.length).toBeLessThanOrEqual(1);
    return samples[0]?.value ?? NaN;
  }

  /** A query's samples, once the recording rules have evaluated at least once. */
  function firstSamples(promql: string) {
    return waitFor(async () => {
      const s = await metrics.query(promql);
      return s.length > 0 ? s : undefined;
    });
  }

  it('answers every SLI of each region with exactly one sample', async () => {
    for (const region of REGIONS) {
      const q = regionSliQueries(region);
      const queries = [
        q.requestRate,
        q.errorRatio,
        q.latencyP99,
        q.availability,
        q.replicationLag,
        q.burnRate('1h'),
        q.errorRatioOver('30m'),
      ];
      for (const promql of queries) {
        const samples = await firstSamples(promql);
        expect(samples).toHaveLength(1);
        expect(samples[0].labels.region).toBe(region);
        expect(Number.isFinite(samples[0].value)).toBe(true);
      }
    }
  });

  it('shows a pod failure in westus as westus errors and burn rate, not eastus', async () => {
    const west = regionSliQueries('westus');
    const east = regionSliQueries('eastus');
    await waitFor(async () => (await valueOf(west.errorRatio)) < 0.01);

    await clusters.createChaos(
      WEST_CLUSTER,
      {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'PodChaos',
        metadata: { name: 'westus-api-down', namespace: 'ntai' },
        spec: {
          action: 'pod-failure',
          mode: 'all',
          duration: '30m',
          selector: {
            labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
          },
        },
      },
      'run-sli',
    );
    try {
      // Every request to westus now fails; a page-level burn (> 14.4) follows.
      await waitFor(async () => (await valueOf(west.errorRatio)) > 0.1, 15_000);
      await waitFor(
        async () => (await valueOf(west.burnRate('5m'))) > 14.4,
        15_000,
      );
      expect(await valueOf(east.errorRatio)).toBeLessThan(0.01);

      // A chart of the last two world minutes shows the rise. The world's
      // clock runs ahead of ours, so the window is taken from the world.
      const now = await sandbox.worldNow();
      const series = await metrics.queryRange(
        west.errorRatio,
        new Date(now - 120_000),
        new Date(now),
        15,
      );
      expect(series).toHaveLength(1);
      const points = series[0].points.filter(p => Number.isFinite(p.value));
      expect(points.length).toBeGreaterThan(2);
      expect(points[points.length - 1].value).toBeGreaterThan(points[0].value);
      expect(points[points.length - 1].timestamp).toBeLessThanOrEqual(now);

      // An instant query at the world's time agrees with the live one.
      const [atNow] = await metrics.query(west.errorRatio, new Date(now));
      expect(atNow.value).toBeGreaterThan(0.1);
    } finally {
      await clusters.deleteChaos(
        WEST_CLUSTER,
        'PodChaos',
        'ntai',
        'westus-api-down',
      );
    }
  });

  it('rejects PromQL the server cannot evaluate with its errorType', async () => {
    await expect(
      metrics.query('sum(rate(http_requests_total[5m]))'),
    ).rejects.toMatchObject({
      name: 'PrometheusQueryError',
      errorType: 'bad_data',
    });
  });
});
