import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createTestDatabases } from '../database/__testUtils__/testDatabases';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../database/migrateDatabase';
import { createGitOps } from '../capabilities';
import { createFixtureRepo } from '../services/gitops/__testUtils__/fixtureRepo';
import { createAuthorizer } from './authorizer';

jest.setTimeout(60_000);

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

describe('gitops routes', () => {
  const databases = createTestDatabases();

  async function createApp(
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const fixture = await createFixtureRepo();
    const db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const audit = new DatabaseAuditStore(db);
    const config = mockServices.rootConfig({
      data: {
        ntInfra: {
          gitops: { provider: 'local', local: { remote: fixture.remote } },
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
    const router = Router();
    router.use(express.json());
    const auth = createAuthorizer({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      audit,
    });
    gitops.registerRoutes(router, { auth });
    const app = express()
      .use(router)
      .use(MiddlewareFactory.create({ config, logger }).error());
    return { app, fixture, audit };
  }

  const scale = {
    kind: 'scale-workload',
    params: { environment: 'staging', workload: 'ntai-worker', maxReplicas: 6 },
    reason: 'backlog',
  };

  it('previews, creates idempotently, lists, and enforces approver ≠ requester', async () => {
    const { app, fixture } = await createApp();
    try {
      const bad = await request(app)
        .post('/gitops/changes/preview')
        .set('authorization', alice)
        .send({ ...scale, params: { ...scale.params, maxReplicas: 'six' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /Invalid body field 'params.maxReplicas'/,
      );

      const preview = await request(app)
        .post('/gitops/changes/preview')
        .set('authorization', alice)
        .send(scale);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        ok: true,
        files: ['kubernetes/overlays/staging/autoscaling.yaml'],
      });

      const created = await request(app)
        .post('/gitops/changes')
        .set('authorization', alice)
        .set('idempotency-key', 'req-1')
        .send(scale);
      expect(created.status).toBe(201);
      const again = await request(app)
        .post('/gitops/changes')
        .set('authorization', alice)
        .set('idempotency-key', 'req-1')
        .send(scale);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(created.body.id);

      const list = await request(app)
        .get('/gitops/changes?state=open')
        .set('authorization', alice);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([
        created.body.id,
      ]);

      const own = await request(app)
        .post(`/gitops/changes/${created.body.id}/approve`)
        .set('authorization', alice)
        .send({ comment: 'mine' });
      expect(own.status).toBe(403);
      const approve = await request(app)
        .post(`/gitops/changes/${created.body.id}/approve`)
        .set('authorization', bob)
        .send({ comment: 'ok' });
      expect(approve.body.state).toBe('approved');
      const merge = await request(app)
        .post(`/gitops/changes/${created.body.id}/merge`)
        .set('authorization', bob)
        .send({});
      expect(merge.body).toMatchObject({
        state: 'merged',
        mergedSha: created.body.headSha,
      });
      const detail = await request(app)
        .get(`/gitops/changes/${created.body.id}`)
        .set('authorization', alice);
      expect(detail.body.diff).toContain('+  maxReplicas: 6');
    } finally {
      await fixture.cleanup();
    }
  });

  it('refuses a failing change with 400 and the reason, and audits denied permissions', async () => {
    const { app, fixture, audit } = await createApp();
    try {
      const res = await request(app)
        .post('/gitops/changes')
        .set('authorization', alice)
        .send({
          kind: 'traffic-manager',
          params: { environment: 'production', dnsTtlSeconds: -1 },
          reason: 'x',
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /dns_ttl_seconds must be within 0\.\.300/,
      );
      const { items } = await audit.list({ limit: 1 });
      expect(items[0]).toMatchObject({
        action: 'gitops.change.create',
        decision: 'denied',
      });
    } finally {
      await fixture.cleanup();
    }
    const denied = await createApp(AuthorizeResult.DENY);
    try {
      const res = await request(denied.app)
        .post('/gitops/changes')
        .set('authorization', alice)
        .send(scale);
      expect(res.status).toBe(403);
      const { items } = await denied.audit.list({ limit: 1 });
      expect(items[0]).toMatchObject({
        action: 'nt-infra.gitops.create',
        decision: 'denied',
      });
    } finally {
      await denied.fixture.cleanup();
    }
  });
});
