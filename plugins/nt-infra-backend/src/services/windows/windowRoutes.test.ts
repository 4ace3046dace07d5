import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { DatabaseWindowStore } from '../../database/DatabaseWindowStore';
import { registerWindowRoutes } from './windowRoutes';
import { WindowService } from './WindowService';
import {
  ALICE,
  BOB,
  NOW,
  POD_FAILURE,
  windowRequest,
} from './__testUtils__/windowFixtures';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ADMIN = 'user:default/admin';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('window routes', () => {
  let denied: Set<string>;

  async function createApp() {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const windows = WindowService.create({
      store: DatabaseWindowStore.create({ db: knex }),
      audit: new DatabaseAuditStore(knex),
      logger: mockServices.logger.mock(),
      knownExperiments: async () => new Set([POD_FAILURE]),
      notify: () => {},
      now: () => NOW,
    });
    const httpAuth = mockServices.httpAuth();
    const auth = mockServices.auth();
    const userRef = (credentials: BackstageCredentials) => {
      if (!auth.isPrincipal(credentials, 'user')) {
        throw new NotAllowedError('only users may act on windows');
      }
      return credentials.principal.userEntityRef;
    };
    // A plain express router: the routes must forward rejections themselves.
    const router = express.Router();
    router.use(express.json());
    registerWindowRoutes(router, {
      windows,
      // What the plugin's router does, with the permission decision stubbed.
      authorize: async (req, permission) => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        if (denied.has(permission.name)) {
          throw new NotAllowedError(`Not allowed: ${permission.name}`);
        }
        return credentials;
      },
      userRef,
      isWindowAdmin: async credentials => userRef(credentials) === ADMIN,
    });
    return express().use(router).use(mockErrorHandler());
  }

  beforeEach(() => {
    denied = new Set();
  });

  const as = (user: string) => mockCredentials.user.header(user);

  async function requestWindow(app: express.Express, user = ALICE) {
    const res = await request(app)
      .post('/windows')
      .set('Authorization', as(user))
      .send(windowRequest());
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  it('requests, reads, lists and approves a window', async () => {
    const app = await createApp();
    const { id } = await requestWindow(app);

    const got = await request(app)
      .get(`/windows/${id}`)
      .set('Authorization', as(BOB));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id,
      state: 'requested',
      requestedBy: ALICE,
    });

    const approved = await request(app)
      .post(`/windows/${id}/approve`)
      .set('Authorization', as(BOB))
      .send({ comment: 'go' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decision: { actor: BOB, reason: 'go' },
    });

    const list = await request(app)
      .get('/windows')
      .query({
        environment: 'production',
        state: 'approved,requested',
        from: '2026-12-02T10:00:00Z',
        limit: 1,
      })
      .set('Authorization', as(BOB));
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [approved.body] });
  });

  it.each([
    [
      'an unknown field',
      { ...windowRequest(), priority: 'high' },
      "Invalid field 'priority'",
    ],
    [
      'an unknown nested field',
      {
        ...windowRequest(),
        limits: { ...windowRequest().limits, namespaces: ['ntai'] },
      },
      "Invalid field 'limits.namespaces'",
    ],
    [
      'a missing field',
      { ...windowRequest(), reason: undefined },
      "Invalid field 'reason'",
    ],
    [
      'a huge reason',
      { ...windowRequest(), reason: 'x'.repeat(5000) },
      "Invalid field 'reason'",
    ],
    [
      'a number as a string',
      windowRequest({}, { maxFraction: '0.1' as unknown as number }),
      "Invalid field 'limits.maxFraction'",
    ],
    [
      'a time without an offset',
      windowRequest({ startsAt: '2026-12-02T09:00:00' }),
      "Invalid field 'startsAt'",
    ],
    [
      'a malformed experiment id',
      windowRequest({}, { experiments: ['rm -rf /'] }),
      "Invalid field 'limits.experiments.0'",
    ],
    [
      'a region that is not a name',
      windowRequest({}, { regions: ['West US'] }),
      "Invalid field 'limits.regions.0'",
    ],
    [
      'a blast radius over 10%',
      windowRequest({}, { maxFraction: 0.5 }),
      "Invalid field 'limits.maxFraction'",
    ],
    ['not an object', ['production'], "Invalid field '(body)'"],
  ])('answers 400 naming the field for %s', async (_what, body, message) => {
    const app = await createApp();
    const res = await request(app)
      .post('/windows')
      .set('Authorization', as(ALICE))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
  });

  it('answers 400 for bad decision bodies, ids and query parameters', async () => {
    const app = await createApp();
    const { id } = await requestWindow(app);
    const cases: Array<[request.Test, string]> = [
      [
        request(app).post(`/windows/${id}/approve`).send({}),
        "Invalid field 'comment'",
      ],
      [
        request(app).post(`/windows/${id}/reject`).send({ comment: '   ' }),
        "Invalid field 'comment': must not be empty",
      ],
      [
        request(app).post(`/windows/${id}/approve`).send({ comment: 42 }),
        "Invalid field 'comment'",
      ],
      [
        request(app)
          .post(`/windows/${id}/approve`)
          .send({ comment: 'ok', force: true }),
        "Invalid field 'force'",
      ],
      [
        request(app)
          .post(`/windows/${id}/cancel`)
          .send({ reason: 'x'.repeat(3000) }),
        "Invalid field 'reason'",
      ],
      [request(app).get('/windows/not-a-uuid'), "Invalid path parameter 'id'"],
      [
        request(app).get('/windows').query({ state: 'running' }),
        "Invalid query parameter 'state.0'",
      ],
      [
        request(app).get('/windows').query({ limit: 1000 }),
        "Invalid query parameter 'limit'",
      ],
      [
        request(app).get('/windows').query({ sort: 'asc' }),
        "Invalid query parameter 'sort'",
      ],
      [
        request(app).get('/windows').query({ cursor: 'bogus' }),
        "Invalid query parameter 'cursor'",
      ],
    ];
    for (const [req, message] of cases) {
      const res = await req.set('Authorization', as(BOB));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    expect(
      (await request(app).get(`/windows/${id}`).set('Authorization', as(BOB)))
        .body.state,
    ).toBe('requested');
  });

  it('answers 403 when the caller lacks the permission, and to the requester approving', async () => {
    const app = await createApp();
    const { id } = await requestWindow(app);

    denied.add('nt-infra.chaos.approve');
    const noApprover = await request(app)
      .post(`/windows/${id}/approve`)
      .set('Authorization', as(BOB))
      .send({ comment: 'go' });
    expect(noApprover.status).toBe(403);

    denied = new Set(['nt-infra.chaos.run', 'nt-infra.run.read']);
    const noRequester = await request(app)
      .post('/windows')
      .set('Authorization', as(BOB))
      .send(windowRequest());
    expect(noRequester.status).toBe(403);
    expect(
      (await request(app).get('/windows').set('Authorization', as(BOB))).status,
    ).toBe(403);
    expect(
      (await request(app).get(`/windows/${id}`).set('Authorization', as(BOB)))
        .status,
    ).toBe(403);

    denied = new Set();
    const own = await request(app)
      .post(`/windows/${id}/approve`)
      .set('Authorization', as(ALICE))
      .send({ comment: 'trust me' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('approver must not be the requester');
    const someoneElse = await request(app)
      .post(`/windows/${id}/cancel`)
      .set('Authorization', as(BOB))
      .send({});
    expect(someoneElse.status).toBe(403);

    expect(
      (await request(app).get(`/windows/${id}`).set('Authorization', as(BOB)))
        .body.state,
    ).toBe('requested');
  });

  it('answers 404 for an unknown window', async () => {
    const app = await createApp();
    for (const req of [
      request(app).get(`/windows/${UNKNOWN_ID}`),
      request(app)
        .post(`/windows/${UNKNOWN_ID}/approve`)
        .send({ comment: 'go' }),
      request(app).post(`/windows/${UNKNOWN_ID}/cancel`),
    ]) {
      const res = await req.set('Authorization', as(BOB));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`Window '${UNKNOWN_ID}' not found`);
    }
  });

  it('answers 409 when a window is decided twice or cancelled after a decision', async () => {
    const app = await createApp();
    const { id } = await requestWindow(app);
    const reject = () =>
      request(app)
        .post(`/windows/${id}/reject`)
        .set('Authorization', as(BOB))
        .send({ comment: 'not now' });
    expect((await reject()).status).toBe(200);
    const again = await reject();
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Window '${id}' was already rejected by ${BOB}`,
    );
    const cancel = await request(app)
      .post(`/windows/${id}/cancel`)
      .set('Authorization', as(ALICE));
    expect(cancel.status).toBe(409);
  });

  it('lets the requester and an admin cancel', async () => {
    const app = await createApp();
    const mine = await requestWindow(app);
    const byRequester = await request(app)
      .post(`/windows/${mine.id}/cancel`)
      .set('Authorization', as(ALICE))
      .send({ reason: 'moved' });
    expect(byRequester.status).toBe(200);
    expect(byRequester.body.state).toBe('cancelled');

    const other = await request(app)
      .post('/windows')
      .set('Authorization', as(ALICE))
      .send(
        windowRequest({
          startsAt: '2026-12-05T09:00:00Z',
          endsAt: '2026-12-05T10:00:00Z',
        }),
      );
    const byAdmin = await request(app)
      .post(`/windows/${other.body.id}/cancel`)
      .set('Authorization', as(ADMIN));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.state).toBe('cancelled');
  });
});
