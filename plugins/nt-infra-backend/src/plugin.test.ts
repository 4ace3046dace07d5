import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RegionsResponse,
  SliSeriesResponse,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { ConfigReader } from '@backstage/config';
import request from 'supertest';
import { KubernetesClusterProvider } from './providers/clusters/KubernetesClusterProvider';
import { sandboxConfig } from './__testUtils__/sandboxConfig';
import { ntInfraPlugin } from './plugin';

// A whole world (certificates, a dozen servers) plus a backend per test.
jest.setTimeout(60_000);

const ALL_READS = [
  'nt-infra.region.read',
  'nt-infra.run.read',
  'nt-infra.traffic.read',
  'nt-infra.experiment.read',
  'nt-infra.audit.read',
];

describe('nt-infra backend plugin against the sandbox world', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.control('/reset', { method: 'POST' }));

  async function startBackend(allowedPermissions: string[]) {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: allowedPermissions.includes(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })),
    });
    const { server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints),
        }),
        permissions.factory,
      ],
    });
    return { server, permissions };
  }

  const asUser = (req: request.Test) =>
    req.set('Authorization', mockCredentials.user.header());

  it('answers /health without credentials', async () => {
    const { server } = await startBackend([]);
    const res = await request(server)
      .get('/api/nt-infra/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('rejects reads without credentials', async () => {
    const { server } = await startBackend(ALL_READS);
    for (const path of ['regions', 'traffic', 'experiments', 'audit', 'runs']) {
      const res = await request(server)
        .get(`/api/nt-infra/${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });

  it.each([
    ['regions', 'nt-infra.region.read'],
    ['traffic', 'nt-infra.traffic.read'],
    ['experiments', 'nt-infra.experiment.read'],
    ['audit', 'nt-infra.audit.read'],
    ['runs', 'nt-infra.run.read'],
    ['regions/production/eastus/slis', 'nt-infra.region.read'],
  ])('refuses /%s without %s', async (path, permission) => {
    const { server } = await startBackend(
      ALL_READS.filter(p => p !== permission),
    );
    const res = await asUser(request(server).get(`/api/nt-infra/${path}`));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(permission);
  });

  it('shows both regions live, primary first, healthy, with East US serving', async () => {
    const { server } = await startBackend(ALL_READS);
    const body = await waitFor(async () => {
      const res = await asUser(request(server).get('/api/nt-infra/regions'));
      expect(res.status).toBe(200);
      const b = res.body as RegionsResponse;
      // The first probes take a moment of world time.
      return (
        b.environments[0].regions.every(
          r => r.verdict === 'healthy' && r.slis.value?.requestRatePerSecond,
        ) && b
      );
    }, 20_000);
    const [east, west] = body.environments[0].regions;
    expect([east.name, west.name]).toEqual(['eastus', 'westus']);
    expect(east.serving).toBe(true);
    expect(west.serving).toBe(false);
    expect(east.endpoint).toMatchObject({
      status: 'ok',
      value: { endpointMonitorStatus: 'Online', priority: 1 },
    });
    expect(east.readiness.value?.workloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'ntai-api', readyReplicas: 10 }),
      ]),
    );
    expect(east.slis.value?.requestRatePerSecond).toBeGreaterThan(0);
    expect(east.slo.value?.exhausted).toBe(false);
  });

  it('follows a region failure: East US down, West US serving, Traffic Manager and DNS agree', async () => {
    const { server } = await startBackend(ALL_READS);
    await sandbox.control('/regions/eastus/down', { method: 'POST' });

    const traffic = await waitFor(async () => {
      const res = await asUser(request(server).get('/api/nt-infra/traffic'));
      const b = res.body as TrafficResponse;
      return b.environments[0].serving.byTrafficManager === 'westus' && b;
    }, 20_000);
    const env = traffic.environments[0];
    expect(env.profile.value?.dnsConfig).toMatchObject({
      fqdn: 'ntai-production.trafficmanager.net',
      ttl: 60,
    });
    expect(env.serving).toEqual({
      byTrafficManager: 'westus',
      byDns: 'westus',
      endpoint: 'westus',
      agree: true,
    });

    const regions = (await asUser(request(server).get('/api/nt-infra/regions')))
      .body as RegionsResponse;
    const [east, west] = regions.environments[0].regions;
    expect(east.verdict).toBe('down');
    expect(east.reasons.join(' ')).toMatch(/probes fail|no pod ready/);
    expect(west.serving).toBe(true);
  });

  it('reports an unreachable upstream as unavailable, not as a 500', async () => {
    const config = sandboxConfig(sandbox.endpoints);
    config.ntInfra.prometheus.baseUrl = 'http://127.0.0.1:9';
    const { server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const res = await asUser(request(server).get('/api/nt-infra/regions'));
    expect(res.status).toBe(200);
    const [east] = (res.body as RegionsResponse).environments[0].regions;
    expect(east.slis.status).toBe('unavailable');
    expect(east.verdict).not.toBe('healthy');
    expect(east.reasons.join(' ')).toMatch(/SLIs unavailable/);
  });

  it('serves SLI series for a region and 404s an unknown one', async () => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(
      request(server).get(
        '/api/nt-infra/regions/production/eastus/slis?minutes=15',
      ),
    );
    expect(res.status).toBe(200);
    const body = res.body as SliSeriesResponse;
    expect(body.series.status).toBe('ok');
    expect(Object.keys(body.series.value!).sort()).toEqual([
      'availability',
      'errorRatio',
      'latencyP99Seconds',
      'requestRatePerSecond',
    ]);
    const missing = await asUser(
      request(server).get('/api/nt-infra/regions/production/northpole/slis'),
    );
    expect(missing.status).toBe(404);
  });

  it('lists the experiment library from the repository, validated', async () => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(request(server).get('/api/nt-infra/experiments'));
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    const production = res.body.items.filter(
      (e: { environment: string }) => e.environment === 'production',
    );
    const podFailure = production.find(
      (e: { id: string }) => e.id === 'PodChaos/ntai/api-pod-failure-10pct',
    );
    expect(podFailure).toMatchObject({
      file: 'kubernetes/chaos-experiments/production/api-pod-failure.yaml',
      title: 'API pod failure (10%)',
      stopConditions: expect.arrayContaining([
        expect.objectContaining({ metric: 'ntai:slo_burn_rate:5m', op: '>' }),
      ]),
    });
  });

  it.each([
    ['regions?environment=prod', "'environment'"],
    ['regions?region=eastus', "'region'"],
    ['traffic?environment=', "'environment'"],
    ['experiments?x=1', "'x'"],
    ['regions/production/eastus/slis?minutes=7', "'minutes'"],
    ['regions/production/EAST_US/slis', "'region'"],
    ['regions/qa/eastus/slis', "'environment'"],
    ['audit?limit=0', "'limit'"],
    ['audit?limit=501', "'limit'"],
    ['audit?cursor=abc', "'cursor'"],
    ['audit?decision=refused', "'decision'"],
    ['runs?kind=chaos-monkey', "'kind'"],
    ['runs?state=running,exploded', "'state"],
    ['runs?from=yesterday', "'from'"],
    ['runs?limit=1000', "'limit'"],
    ['runs?cursor=%27%20OR%201%3D1', "'cursor'"],
    ['runs/not-a-uuid', "'id'"],
  ])('answers 400 naming the field for /%s', async (path, field) => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(request(server).get(`/api/nt-infra/${path}`));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('answers 404 for a valid but unconfigured environment', async () => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(
      request(server).get('/api/nt-infra/regions?environment=staging'),
    );
    expect(res.status).toBe(404);
  });

  it('serves an empty history and 404s an unknown run', async () => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(
      request(server).get(
        '/api/nt-infra/runs?kind=chaos&state=running,completed',
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
    const missing = await asUser(
      request(server).get(
        '/api/nt-infra/runs/00000000-0000-4000-8000-000000000000',
      ),
    );
    expect(missing.status).toBe(404);
  });

  it('halt-all removes every fault the portal created, is audited, and needs nt-infra.halt', async () => {
    const clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
    const podChaos = (name: string) => ({
      apiVersion: 'chaos-mesh.org/v1alpha1' as const,
      kind: 'PodChaos' as const,
      metadata: { name, namespace: 'ntai' },
      spec: {
        action: 'pod-failure',
        mode: 'fixed',
        value: '1',
        duration: '10m',
        selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
      },
    });
    await clusters.createChaos(
      'aks-ntai-production-eastus',
      podChaos('orphan-east'),
      'run-a',
    );
    await clusters.createChaos(
      'aks-ntai-production-westus',
      podChaos('orphan-west'),
      'run-b',
    );

    const denied = await startBackend([...ALL_READS]);
    const refused = await asUser(
      request(denied.server)
        .post('/api/nt-infra/halt')
        .send({ reason: 'test' }),
    );
    expect(refused.status).toBe(403);
    const audit = await asUser(
      request(denied.server).get('/api/nt-infra/audit'),
    );
    expect(audit.body.items[0]).toMatchObject({
      action: 'nt-infra.halt',
      decision: 'denied',
      targetId: 'POST /api/nt-infra/halt',
    });

    const { server } = await startBackend([...ALL_READS, 'nt-infra.halt']);
    const badBody = await asUser(
      request(server).post('/api/nt-infra/halt').send({ reason: '' }),
    );
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toContain("'reason'");

    const halted = await asUser(
      request(server)
        .post('/api/nt-infra/halt')
        .send({ reason: 'GameDay went wrong' }),
    );
    expect(halted.status).toBe(200);
    expect(halted.body).toMatchObject({
      engaged: true,
      reason: 'GameDay went wrong',
      failed: [],
    });
    expect(
      halted.body.removed.map((r: { name: string }) => r.name).sort(),
    ).toEqual(['orphan-east', 'orphan-west']);
    for (const cluster of clusters.clusterNames()) {
      expect(await clusters.listManagedChaos(cluster)).toEqual([]);
    }
    const state = await asUser(request(server).get('/api/nt-infra/halt'));
    expect(state.body.engaged).toBe(true);

    const released = await asUser(
      request(server)
        .post('/api/nt-infra/halt/release')
        .send({ reason: 'all clear' }),
    );
    expect(released.body.engaged).toBe(false);
    const trail = await asUser(request(server).get('/api/nt-infra/audit'));
    expect(
      trail.body.items.map((e: { action: string }) => e.action).slice(0, 2),
    ).toEqual(['halt.release', 'halt.engage']);
  });

  it('serves the audit trail, empty at first', async () => {
    const { server } = await startBackend(ALL_READS);
    const res = await asUser(
      request(server).get('/api/nt-infra/audit?limit=5'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });
});
