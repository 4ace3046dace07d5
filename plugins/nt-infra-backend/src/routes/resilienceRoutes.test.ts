import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ResilienceScore,
  resilienceScoresResponse,
} from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { createTestDatabases } from '../database/__testUtils__/testDatabases';
import { DatabaseRunStore } from '../database/DatabaseRunStore';
import { ntInfraPlugin } from '../plugin';
import {
  FixtureRepo,
  startReliabilityBackend,
} from '../reliability/__testUtils__/reliabilityBackend';
import { createFixtureRepo } from '../services/gitops/__testUtils__/fixtureRepo';
import { WEIGHTS } from '../services/resilience';

// A world, a backend and (first test) a real chaos run to its rollback.
jest.setTimeout(120_000);

const DAY_MS = 24 * 60 * 60 * 1000;

/** Found by its pods, as the Kubernetes plugin finds them; no nt-infra run names it. */
const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    namespace: 'default',
    annotations: {
      'nt-infra/traffic-manager-profile': 'tm-ntai-production',
      'backstage.io/kubernetes-namespace': 'ntai',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=ntai-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:sre' },
};
const web: Entity = {
  ...api,
  metadata: { name: 'ntai-web', namespace: 'default', annotations: {} },
};

const asUser = (req: request.Test) =>
  req.set('Authorization', mockCredentials.user.header());

const reasonOf = (score: ResilienceScore, id: string) =>
  score.reasons.find(r => r.id === id)!;

describe('GET /resilience/scores against the sandbox world', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
  });
  afterAll(() => sandbox.stop());

  it("scores a real rollback on the entity's pods: half the pod weight, one breach off the budget", async () => {
    const { server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, { environment: 'staging' }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        catalogServiceMock.factory({ entities: [api, web] }),
        // The real scheduler: the reconciler must drive the run.
        schedulerServiceFactory,
      ],
    });
    // Every API pod down: the burn-rate stop condition rolls it back.
    const started = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Idempotency-Key', 'resilience-1')
        .send({
          environment: 'staging',
          regions: ['westus'],
          template: {
            type: 'pod-failure',
            workload: { namespace: 'ntai', name: 'ntai-api' },
            duration: '10m',
            mode: 'all',
            stopConditions: [
              {
                metric: 'ntai:slo_burn_rate:5m',
                op: '>',
                threshold: 14.4,
                for: '0s',
              },
            ],
          },
        }),
    );
    expect(started.status).toBe(201);
    const id: string = started.body.id;
    await waitFor(async () => {
      const run = await asUser(request(server).get(`/api/nt-infra/runs/${id}`));
      return run.body.state === 'rolled-back';
    }, 90_000);

    const res = await asUser(
      request(server).get(
        '/api/nt-infra/resilience/scores?entityRef=component:default/ntai-api&entityRef=component:default/ntai-web&weeks=2',
      ),
    );
    expect(res.status).toBe(200);
    const body = resilienceScoresResponse.parse(res.body);
    const [apiScore, webScore] = body.items;
    expect(reasonOf(apiScore, 'mode-pod')).toMatchObject({
      points: WEIGHTS.mode / 2,
      evidence: [{ runId: id, state: 'rolled-back' }],
    });
    expect(reasonOf(apiScore, 'error-budget')).toMatchObject({
      points: WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
      evidence: [{ runId: id }],
    });
    expect(apiScore.score).toBe(
      Math.round(
        WEIGHTS.mode / 2 + WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
      ),
    );
    expect(apiScore.trend).toHaveLength(2);
    expect(apiScore.trend[1].score).toBe(apiScore.score);
    // Another workload's entity: the run is not its.
    expect(webScore.entityRef).toBe('component:default/ntai-web');
    expect(webScore.score).toBe(WEIGHTS.errorBudget);
  });
});

describe('GET /resilience/scores on seeded history', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox;
  let repo: FixtureRepo;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
  });
  afterAll(async () => {
    await sandbox.stop();
    await repo.cleanup();
  });

  it.each(databases.eachSupportedId())(
    "judges the environment's last failover against its targets, week by week, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = new DatabaseRunStore(knex);
      const { server } = await startReliabilityBackend({
        sandbox,
        knex,
        repo,
        entities: [api],
      });
      const now = Date.now();
      const at = (days: number) => new Date(now - days * DAY_MS);
      async function failover(days: number, rto: number, rpo: number) {
        const { run } = await store.createRun(
          {
            kind: 'failover',
            environment: 'production',
            regions: ['eastus', 'westus'],
            title: `Failover ${days} days ago`,
            requestedBy: 'user:default/alice',
            params: { method: 'unhealthy' },
            state: 'approved',
            reason: 'seeded',
          },
          undefined,
          at(days + 0.01),
        );
        await store.transition(
          run.id,
          {
            from: ['approved'],
            to: 'running',
            actor: 'nt-infra',
            reason: 'cut',
            startedAt: at(days + 0.005),
          },
          at(days + 0.005),
        );
        await store.transition(
          run.id,
          {
            from: ['running'],
            to: rto <= 300 && rpo <= 60 ? 'completed' : 'failed',
            actor: 'nt-infra',
            reason: 'measured',
            endedAt: at(days),
            outcome: {
              measurement: {
                targets: { rtoSeconds: 300, rpoSeconds: 60 },
                rto: { seconds: rto, source: 'traffic' },
                rpo: { seconds: rpo, timestamp: at(days).toISOString() },
              },
            },
          },
          at(days),
        );
        return run.id;
      }
      // Ten days ago users waited 420 s; three days ago 42 s.
      await failover(10, 420, 5);
      const latest = await failover(3, 42, 5);

      const res = await asUser(
        request(server).get(
          '/api/nt-infra/resilience/scores?entityRef=Component:default/ntai-api&entityRef=component:default/nobody&weeks=2',
        ),
      );
      expect(res.status).toBe(200);
      const body = resilienceScoresResponse.parse(res.body);
      expect(body.notFound).toEqual(['component:default/nobody']);
      const [score] = body.items;
      expect(reasonOf(score, 'rto')).toMatchObject({
        points: WEIGHTS.rto,
        explanation: 'RTO 42 s (target 300 s): met.',
        evidence: [{ runId: latest }],
      });
      expect(reasonOf(score, 'mode-region-failover').points).toBe(WEIGHTS.mode);
      // The failed test of ten days ago still spent budget within 30 days.
      const fullMarks =
        WEIGHTS.mode + WEIGHTS.rto + WEIGHTS.rpo + WEIGHTS.errorBudget;
      expect(score.score).toBe(fullMarks - WEIGHTS.budgetPerBreach);
      // A week ago the last test was the failed one.
      expect(score.trend.map(p => p.score)).toEqual([
        WEIGHTS.rpo + WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
        score.score,
      ]);
      await knex.destroy();
    },
  );

  it('answers 400 naming the field, and 403 without the run read permission', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startReliabilityBackend({
      sandbox,
      knex,
      repo,
      entities: [api],
      permissions: mockServices.permissions.factory({
        result: AuthorizeResult.DENY,
      }),
    });
    const bad = await asUser(
      request(server).get('/api/nt-infra/resilience/scores?entityRef=ntai-api'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Invalid query parameter 'entityRef'/,
    );
    const weeks = await asUser(
      request(server).get(
        '/api/nt-infra/resilience/scores?entityRef=component:default/ntai-api&weeks=27',
      ),
    );
    expect(weeks.status).toBe(400);
    expect(weeks.body.error.message).toMatch(/'weeks'/);
    const denied = await asUser(
      request(server).get(
        '/api/nt-infra/resilience/scores?entityRef=component:default/ntai-api',
      ),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('nt-infra.run.read');
  });
});
