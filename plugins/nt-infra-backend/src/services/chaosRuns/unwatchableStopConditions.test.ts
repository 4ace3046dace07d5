import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../../plugin';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';

jest.setTimeout(120_000);

const EAST = 'aks-ntai-production-eastus';
/** The string a window once stored (201), which switched off every stop condition of its runs. */
const PROMQL_EXPRESSION = 'sum(up) or vector(0)';
const VALID = {
  metric: 'ntai:availability:ratio_rate5m',
  op: '<',
  threshold: 0.5,
  for: '1m',
};

describe('stop conditions the watcher cannot evaluate', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox;
  let clusters: KubernetesClusterProvider;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
  });
  afterAll(() => sandbox.stop());

  function startBackend(
    knex: Knex,
    options: {
      environment: 'staging' | 'production';
      /** False: the run reconciler never ticks (runs stay where they are). */
      reconcile: boolean;
    },
  ) {
    return startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, {
            environment: options.environment,
            runs: { tickSeconds: 0.2, leaseSeconds: 1 },
          }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.database.factory({ knex }),
        options.reconcile
          ? schedulerServiceFactory
          : mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
  }

  it.each(databases.eachSupportedId())(
    'refuses a window whose stop condition is a PromQL expression, naming the field, on %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const backend = await startBackend(knex, {
        environment: 'production',
        reconcile: false,
      });
      const tomorrow = Date.now() + 24 * 60 * 60 * 1000;
      const windowBody = (metric: string) => ({
        environment: 'production',
        startsAt: new Date(tomorrow).toISOString(),
        endsAt: new Date(tomorrow + 60 * 60 * 1000).toISOString(),
        reason: 'weekly production chaos',
        limits: {
          experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
          regions: ['westus'],
          maxFraction: 0.1,
          stopConditions: [{ ...VALID, metric }],
        },
      });
      const post = (metric: string) =>
        request(backend.server)
          .post('/api/nt-infra/windows')
          .set('Authorization', mockCredentials.user.header())
          .send(windowBody(metric));

      const refused = await post(PROMQL_EXPRESSION);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        "'limits.stopConditions.0.metric'",
      );
      const listed = await request(backend.server)
        .get('/api/nt-infra/windows')
        .set('Authorization', mockCredentials.user.header());
      expect(listed.body.items).toEqual([]);
      // The same window with a metric name is accepted: only the condition was wrong.
      expect((await post(VALID.metric)).status).toBe(201);
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'fails a run whose stored stop condition cannot be watched, applying nothing, on %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const idle = await startBackend(knex, {
        environment: 'staging',
        reconcile: false,
      });
      const started = await request(idle.server)
        .post('/api/nt-infra/runs/chaos')
        .set('Authorization', mockCredentials.user.header())
        .send({
          environment: 'staging',
          regions: ['eastus'],
          template: {
            type: 'pod-failure',
            workload: { namespace: 'ntai', name: 'ntai-api' },
            duration: '30s',
            mode: 'fixed',
            value: 1,
            stopConditions: [VALID],
          },
        });
      expect(started.status).toBe(201);
      const id: string = started.body.id;
      await idle.stop();

      // A run stored before submissions were checked: one valid condition
      // and the expression a window used to accept.
      const row = await knex('runs').where({ id }).first();
      const params = JSON.parse(row.params);
      params.stopConditions = [
        VALID,
        { ...VALID, metric: PROMQL_EXPRESSION, op: '>', threshold: 0 },
      ];
      await knex('runs')
        .where({ id })
        .update({ params: JSON.stringify(params) });

      const backend = await startBackend(knex, {
        environment: 'staging',
        reconcile: true,
      });
      const get = async (path: string) =>
        (
          await request(backend.server)
            .get(`/api/nt-infra${path}`)
            .set('Authorization', mockCredentials.user.header())
        ).body;
      const run: RunDetail = await waitFor(async () => {
        const r: RunDetail = await get(`/runs/${id}`);
        return r.state !== 'approved' && r;
      }, 30_000);

      expect(run.state).toBe('failed');
      expect(run.transitions.map(t => t.to)).toEqual(['approved', 'failed']);
      expect(run.transitions[1].reason).toContain(
        "Invalid field 'stopConditions.1.metric'",
      );
      expect(run.transitions[1].reason).toContain('nothing was applied');
      expect(await clusters.listManagedChaos(EAST, id)).toEqual([]);
      const trail = await get(`/audit?targetType=run&targetId=${id}`);
      expect(trail.items).toContainEqual(
        expect.objectContaining({
          actor: 'nt-infra',
          action: 'chaos.run.start',
          decision: 'denied',
          reason: expect.stringContaining('cannot be watched'),
          // Counted as a refused start of this environment (RunTelemetry).
          details: expect.objectContaining({ environment: 'staging' }),
        }),
      );
      await backend.stop();
    },
  );
});
