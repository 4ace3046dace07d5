import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  RegionsResponse,
  RunDetail,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import dgram from 'dgram';
import { Server } from 'http';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';
import {
  FixtureRepo,
  reportFigures,
  startReliabilityBackend,
} from '../__testUtils__/reliabilityBackend';
import {
  whenWindowOpens,
  windowStart,
} from '../../services/windows/__testUtils__/windowTiming';

jest.setTimeout(180_000);

const PROMETHEUS_RETRIES = 2;
const ARM_RETRIES = 1;
const K8S_RETRIES = 2; // the cluster provider's default

describe('upstream faults, seen through the API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  // Faults are added per test; everything else reaches the sandbox untouched.
  const msw = setupServer();
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let server: Server;
  const figures: Record<string, number | string> = {};
  const alice = mockCredentials.user.header('user:default/alice');
  const get = (path: string) =>
    request(server).get(`/api/nt-infra${path}`).set('Authorization', alice);

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
    const backend = await startReliabilityBackend({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      repo,
      environment: 'production',
      reconcile: true,
      // Reads are cached for a second: a failed refresh shows the last value as stale.
      refreshIntervalSeconds: 1,
      configure: ntInfra => {
        ntInfra.prometheus.maxRetries = PROMETHEUS_RETRIES;
        ntInfra.azure.retry = {
          maxRetries: ARM_RETRIES,
          retryDelayMs: 20,
          maxRetryDelayMs: 200,
        };
      },
    });
    server = backend.server as unknown as Server;
    // Every source read once while healthy: a later failure is then "stale".
    await waitFor(async () => {
      const body: RegionsResponse = (await get('/regions')).body;
      return body.environments?.[0]?.regions.every(
        r => r.slis.status === 'ok' && r.readiness.status === 'ok',
      );
    }, 30_000);
  });
  afterEach(() => msw.resetHandlers());
  /** Past the refresh interval, so the next read goes upstream. */
  const nextRefresh = () => new Promise(r => setTimeout(r, 1_100));
  afterAll(async () => {
    reportFigures('upstream faults', figures);
    msw.close();
    await sandbox?.stop();
    await repo?.cleanup();
  });

  /** Counts attempts per distinct request (method, URL, body). */
  function counter() {
    const attempts = new Map<string, number>();
    return {
      attempts,
      async count(req: Request) {
        const key = `${req.method} ${req.url} ${await req.clone().text()}`;
        attempts.set(key, (attempts.get(key) ?? 0) + 1);
      },
      max: () => Math.max(0, ...attempts.values()),
      total: () => [...attempts.values()].reduce((a, b) => a + b, 0),
    };
  }

  it('Prometheus answering 503: bounded retries, SLIs stale with the reason, last values kept', async () => {
    await nextRefresh();
    const prom = counter();
    msw.use(
      http.all(
        new RegExp(`^${sandbox.endpoints.prometheus}/api/v1/`),
        async ({ request: req }) => {
          await prom.count(req);
          return new HttpResponse('overloaded', { status: 503 });
        },
      ),
    );
    const res = await get('/regions');
    expect(res.status).toBe(200);
    const regions = (res.body as RegionsResponse).environments[0].regions;
    for (const r of regions) {
      expect(r.slis.status).toBe('stale');
      expect(r.slis.error).toMatch(/503/);
      expect(r.slis.value).toBeDefined();
      expect(r.slis.observedAt).toBeDefined();
    }
    figures['Prometheus 503: most attempts per query'] = prom.max();
    expect(prom.max()).toBe(PROMETHEUS_RETRIES + 1);
  });

  it('Prometheus down (connection refused) for the SLI series: 200 with the series unavailable and why', async () => {
    msw.use(
      http.all(new RegExp(`^${sandbox.endpoints.prometheus}/api/v1/`), () =>
        HttpResponse.error(),
      ),
    );
    const res = await get('/regions/production/eastus/slis?minutes=15');
    figures['SLI series with Prometheus down'] = res.status;
    // Degraded, not failed: the panel shows why there is no chart.
    expect(res.status).toBe(200);
    expect(['stale', 'unavailable']).toContain(res.body.series.status);
    expect(res.body.series.error).toBeTruthy();
  });

  it('ARM throttling (429, Retry-After): bounded retries, the profile stale with the reason', async () => {
    await nextRefresh();
    const arm = counter();
    msw.use(
      http.all(/trafficmanagerprofiles/i, async ({ request: req }) => {
        await arm.count(req);
        return HttpResponse.json(
          { error: { code: 'TooManyRequests', message: 'throttled' } },
          { status: 429, headers: { 'Retry-After': '0' } },
        );
      }),
    );
    const res = await get('/traffic');
    expect(res.status).toBe(200);
    const env = (res.body as TrafficResponse).environments[0];
    expect(['stale', 'unavailable']).toContain(env.profile.status);
    expect(env.profile.error).toMatch(/429|throttl|TooManyRequests/i);
    figures['ARM 429: most attempts per request'] = arm.max();
    expect(arm.max()).toBe(ARM_RETRIES + 1);
  });

  it('Kubernetes API 503 in one cluster: bounded retries, that region unready-unknown, the other fine', async () => {
    const eastUrl = sandbox.endpoints.clusters.find(
      c => c.name === 'aks-ntai-production-eastus',
    )!.url;
    await nextRefresh();
    const kube = counter();
    msw.use(
      http.all(new RegExp(`^${eastUrl}/`), async ({ request: req }) => {
        await kube.count(req);
        return HttpResponse.json(
          {
            kind: 'Status',
            status: 'Failure',
            code: 503,
            message: 'etcd leader changed',
          },
          { status: 503 },
        );
      }),
    );
    const res = await get('/regions');
    expect(res.status).toBe(200);
    const [east, west] = (res.body as RegionsResponse).environments[0].regions;
    expect(['stale', 'unavailable']).toContain(east.readiness.status);
    expect(east.readiness.error).toMatch(/503|etcd/);
    expect(west.readiness.status).toBe('ok');
    figures['Kubernetes 503: most attempts per request'] = kube.max();
    expect(kube.max()).toBe(K8S_RETRIES + 1);
  });

  it('a production run with Prometheus gone fails safe: rolled back, fault removed', async () => {
    await get('/experiments');
    const startsAt = windowStart();
    const bob = mockCredentials.user.header('user:default/bob');
    const experiment = 'PodChaos/ntai/api-pod-failure-10pct';
    const window = await request(server)
      .post('/api/nt-infra/windows')
      .set('Authorization', alice)
      .send({
        environment: 'production',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        reason: 'fail safe',
        limits: {
          experiments: [experiment],
          regions: ['westus'],
          maxFraction: 0.1,
          // Never breached by the world: only missing metrics can end the run early.
          // A missing metric counts as a breach held for the condition's `for`:
          // 0s here (the library's own conditions wait 1m before failing safe).
          stopConditions: [
            {
              metric: 'ntai:slo_burn_rate:5m',
              op: '>',
              threshold: 1000,
              for: '0s',
            },
          ],
        },
      });
    expect(window.status).toBe(201);
    await request(server)
      .post(`/api/nt-infra/windows/${window.body.id}/approve`)
      .set('Authorization', bob)
      .send({ comment: 'ok' })
      .expect(200);
    const started = await whenWindowOpens(startsAt, () =>
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Authorization', alice)
        .send({
          environment: 'production',
          regions: ['westus'],
          experimentId: experiment,
        }),
    );
    expect(started.body.error?.message ?? '').toBe('');
    expect(started.status).toBe(201);
    await waitFor(
      async () =>
        (await get(`/runs/${started.body.id}`)).body.state === 'running',
      30_000,
    );

    // Metrics vanish mid-run.
    const lostAt = Date.now();
    msw.use(
      http.all(new RegExp(`^${sandbox.endpoints.prometheus}/`), () =>
        HttpResponse.error(),
      ),
    );
    let last: RunDetail | undefined;
    const run: RunDetail = await waitFor(async () => {
      const r: RunDetail = (await get(`/runs/${started.body.id}`)).body;
      last = r;
      return (
        ['rolled-back', 'aborted', 'completed', 'failed'].includes(r.state) && r
      );
    }, 20_000).catch(error => {
      throw new Error(
        `${error}; the run: ${JSON.stringify({
          state: last?.state,
          outcome: last?.outcome,
          transitions: last?.transitions,
        })}`,
      );
    });
    figures['fail-safe rollback after metrics loss (ms)'] = Date.now() - lostAt;
    expect(run.state).toBe('rolled-back');
    await waitFor(
      async () => (await sandbox.state()).chaos.length === 0,
      30_000,
    );
  });

  it('DNS resolver silent: the answer unavailable with the reason, after tries × timeout', async () => {
    const silent = dgram.createSocket('udp4');
    let datagrams = 0;
    silent.on('message', () => {
      datagrams += 1;
    });
    await new Promise<void>(r => silent.bind(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const other = await startReliabilityBackend({
        sandbox,
        knex: await databases.init('SQLITE_3'),
        repo,
        environment: 'production',
        configure: ntInfra => {
          ntInfra.dns = {
            servers: [`127.0.0.1:${port}`],
            timeoutMs: 300,
            tries: 2,
          };
        },
      });
      const started = Date.now();
      const res = await request(other.server)
        .get('/api/nt-infra/traffic')
        .set('Authorization', alice);
      const took = Date.now() - started;
      expect(res.status).toBe(200);
      const env = (res.body as TrafficResponse).environments[0];
      expect(env.dns.status).toBe('unavailable');
      expect(env.dns.error).toMatch(/did not answer within 300 ms/);
      expect(env.serving.agree).toBe(false);
      figures['DNS silent: datagrams sent'] = datagrams;
      figures['DNS silent: answer after (ms)'] = took;
      expect(datagrams).toBe(2);
      expect(took).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });
});
