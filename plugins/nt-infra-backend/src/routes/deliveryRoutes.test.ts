import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ChangeDelivery,
  DeliverySummary,
} from '@internal/plugin-nt-infra-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createTestDatabases } from '../database/__testUtils__/testDatabases';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../database/migrateDatabase';
import { createDelivery, createGitOps } from '../capabilities';
import { createFixtureRepo } from '../services/gitops/__testUtils__/fixtureRepo';
import { createAuthorizer } from './authorizer';

// A hang guard, not a bound: each wait below has its own deadline. The first
// test boots a world, commits, merges and waits for three Argo CD syncs; on a
// loaded 2-core machine that took 138 s in CI.
jest.setTimeout(240_000);

type Fixture = Awaited<ReturnType<typeof createFixtureRepo>>;

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const TARGETS = ['staging', 'production'].flatMap(environment =>
  ['eastus', 'westus'].map(region => ({
    environment,
    region,
    trafficManagerProfile: `tm-ntai-${environment}`,
  })),
);

describe('delivery routes against the sandbox world', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await sandbox?.stop();
    await cleanup?.();
    sandbox = undefined;
    cleanup = undefined;
  });

  async function createApp(
    argocd: string | undefined,
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    existing?: Fixture,
  ) {
    const fixture = existing ?? (await createFixtureRepo());
    cleanup = fixture.cleanup;
    const db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const audit = new DatabaseAuditStore(db);
    const config = mockServices.rootConfig({
      data: {
        ntInfra: {
          gitops: {
            provider: 'local',
            local: { remote: fixture.remote },
            delivery: {
              refreshSeconds: 0,
              ...(argocd
                ? {
                    argocd: {
                      baseUrl: `${argocd}/`,
                      token: 'sandbox',
                      timeoutMs: 2000,
                      maxRetries: 0,
                    },
                  }
                : {}),
            },
          },
        },
      },
    });
    const logger = mockServices.logger.mock();
    const gitops = await createGitOps({
      config,
      logger,
      audit,
      db,
      repoRoot: fixture.root,
    });
    const delivery = createDelivery({
      config,
      logger,
      repoRoot: fixture.root,
      gitops: gitops.service,
      targets: () => TARGETS,
    });
    const router = Router();
    router.use(express.json());
    const auth = createAuthorizer({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      audit,
    });
    gitops.registerRoutes(router, { auth });
    delivery.registerRoutes(router, { auth });
    return express()
      .use(router)
      .use(MiddlewareFactory.create({ config, logger }).error());
  }

  const scale = {
    kind: 'scale-workload',
    params: { environment: 'staging', workload: 'ntai-worker', maxReplicas: 6 },
    reason: 'backlog',
  };

  it('follows a merged change from pending to applied: staging by itself, production once synced', async () => {
    const fixture = await createFixtureRepo();
    cleanup = fixture.cleanup;
    // The stand-in watches the remote the local provider creates and merges into.
    sandbox = await startTestSandbox({ argocd: { remote: fixture.remote } });
    const argocd = sandbox.endpoints.argocd;
    const app = await createApp(argocd, AuthorizeResult.ALLOW, fixture);

    const badQuery = await request(app)
      .get('/delivery?environment=qa')
      .set('authorization', alice);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(
      /Invalid query parameter 'environment'/,
    );
    const badId = await request(app)
      .get('/gitops/changes/latest/delivery')
      .set('authorization', alice);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/Invalid path parameter 'id'/);
    const missing = await request(app)
      .get('/gitops/changes/3f0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11/delivery')
      .set('authorization', alice);
    expect(missing.status).toBe(404);

    const created = await request(app)
      .post('/gitops/changes')
      .set('authorization', alice)
      .send(scale);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const open = await request(app)
      .get(`/gitops/changes/${id}/delivery`)
      .set('authorization', alice);
    expect(open.body).toMatchObject({ changeRequestId: id, targets: [] });

    // The world runs main as the remote was created: every region current.
    const summary = async () =>
      (await request(app).get('/delivery').set('authorization', alice))
        .body as DeliverySummary;
    const before = await waitFor(async () => {
      const s = await summary();
      return s.fullyDelivered && s;
    }, 20_000);
    expect(before.targets).toHaveLength(4);
    expect(before.targets[3]).toMatchObject({
      environment: 'production',
      region: 'westus',
      trafficManagerProfile: 'tm-ntai-production',
      state: 'current',
    });

    await request(app)
      .post(`/gitops/changes/${id}/approve`)
      .set('authorization', bob)
      .send({ comment: 'ok' })
      .expect(200);
    const merged = await request(app)
      .post(`/gitops/changes/${id}/merge`)
      .set('authorization', bob)
      .send({});
    expect(merged.body.state).toBe('merged');
    const mergedSha: string = merged.body.mergedSha;

    const delivery = async () =>
      (
        await request(app)
          .get(`/gitops/changes/${id}/delivery`)
          .set('authorization', alice)
      ).body as ChangeDelivery;
    const states = (d: ChangeDelivery) =>
      Object.fromEntries(
        d.targets.map(t => [`${t.environment}/${t.region}`, t.state]),
      );

    const staged = await waitFor(async () => {
      const d = await delivery();
      const s = states(d);
      return s['staging/eastus'] === 'applied' &&
        s['staging/westus'] === 'applied'
        ? d
        : undefined;
    }, 20_000);
    expect(staged.mergedSha).toBe(mergedSha);
    expect(states(staged)).toEqual({
      'staging/eastus': 'applied',
      'staging/westus': 'applied',
      'production/eastus': 'awaiting-approval',
      'production/westus': 'awaiting-approval',
    });
    expect(staged.targets[0].sources[0]).toMatchObject({
      source: 'argocd',
      revision: mergedSha,
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      url: `${argocd}/applications/ntai-staging-eastus`,
    });
    const partly = await summary();
    expect(partly.mainSha).toBe(mergedSha);
    expect(partly.fullyDelivered).toBe(false);
    expect(partly.targets.map(t => t.state)).toEqual([
      'current',
      'current',
      'behind',
      'behind',
    ]);

    // An operator syncs production in Argo CD (its API, as the delivery job does).
    for (const name of ['ntai-production-eastus', 'ntai-production-westus']) {
      const res = await fetch(`${argocd}/api/v1/applications/${name}/sync`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer sandbox',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ revision: 'main' }),
      });
      expect(res.status).toBe(200);
    }
    const done = await waitFor(async () => {
      const d = await delivery();
      return d.targets.every(t => t.state === 'applied') && d;
    }, 20_000);
    expect(done.targets[3].sources[0].revision).toBe(mergedSha);
    expect((await summary()).fullyDelivered).toBe(true);
  });

  it('answers unknown, with the reason, when Argo CD is down, and needs the read permissions', async () => {
    // Nothing listens on this port: the stand-in was stopped.
    const stopped = await startTestSandbox();
    const argocd = stopped.endpoints.argocd;
    await stopped.stop();
    const app = await createApp(argocd);
    const before = await request(app)
      .get('/delivery?environment=production')
      .set('authorization', alice);
    expect(before.body.targets[0].reason).toMatch(
      /^the base branch could not be read: the GitOps remote .* does not exist yet/,
    );
    // The first change request creates the remote; then only Argo CD is missing.
    await request(app)
      .post('/gitops/changes')
      .set('authorization', alice)
      .send(scale)
      .expect(201);
    const summary = await request(app)
      .get('/delivery?environment=production')
      .set('authorization', alice);
    expect(summary.status).toBe(200);
    expect(summary.body.fullyDelivered).toBe(false);
    for (const target of summary.body.targets) {
      expect(target.state).toBe('unknown');
      expect(target.reason).toMatch(/Argo CD could not be read: .*unreachable/);
    }

    const denied = await createApp(undefined, AuthorizeResult.DENY);
    const res = await request(denied)
      .get('/delivery')
      .set('authorization', alice);
    expect(res.status).toBe(403);
    const change = await request(denied)
      .get('/gitops/changes/3f0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11/delivery')
      .set('authorization', alice);
    expect(change.status).toBe(403);
  });
});
