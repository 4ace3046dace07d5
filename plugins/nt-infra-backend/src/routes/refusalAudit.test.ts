import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditEvent } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Server } from 'node:http';
import request from 'supertest';
import { ntInfraPlugin } from '../plugin';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { windowRequest } from '../services/windows/__testUtils__/windowFixtures';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const DENIED = new Set(['nt-infra.halt']);

describe('refused mutation attempts are audited, whatever refused them', () => {
  let sandbox: TestSandbox;
  let server: Server;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
  });
  afterAll(() => sandbox.stop());

  beforeEach(async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: DENIED.has(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        })),
    });
    ({ server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints),
        }),
        permissions.factory,
      ],
    }));
  });

  async function trail(): Promise<AuditEvent[]> {
    const res = await request(server)
      .get('/api/nt-infra/audit?limit=100')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it.each([
    ['no token', mockCredentials.none.header()],
    ['an invalid token', mockCredentials.user.invalidHeader()],
  ])('audits a 401 with %s', async (_what, header) => {
    const res = await request(server)
      .post('/api/nt-infra/runs/chaos')
      .set('Authorization', header)
      .send({ environment: 'staging' });
    expect(res.status).toBe(401);
    expect(await trail()).toEqual([
      expect.objectContaining({
        actor: 'unauthenticated',
        action: 'request.refused',
        targetType: 'route',
        targetId: 'POST /api/nt-infra/runs/chaos',
        decision: 'denied',
        reason: expect.stringMatching(/^401: /),
      }),
    ]);
  });

  it('does not audit reads, refused or not', async () => {
    const res = await request(server)
      .get('/api/nt-infra/runs')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(await trail()).toEqual([]);
  });

  it.each([
    [
      'a field outside the schema',
      '/api/nt-infra/windows',
      { environment: 'production', limits: 'all' },
      /^400: Invalid field '/,
    ],
    [
      'a stop condition the watcher cannot evaluate',
      '/api/nt-infra/runs/chaos',
      {
        environment: 'production',
        regions: ['eastus'],
        template: {
          type: 'pod-failure',
          workload: { namespace: 'ntai', name: 'ntai-api' },
          duration: '30s',
          stopConditions: [
            {
              metric: 'sum(up) or vector(0)',
              op: '>',
              threshold: 0,
              for: '1m',
            },
          ],
        },
      },
      /^400: .*stopConditions\.0\.metric/,
    ],
    ['malformed JSON', '/api/nt-infra/halt', '{"reason": ', /^400: /],
  ])('audits a 400 (%s) with the caller', async (_what, path, body, reason) => {
    const res = await request(server)
      .post(path)
      .set('Authorization', mockCredentials.user.header(ALICE))
      .set('Content-Type', 'application/json')
      .send(body as object);
    expect(res.status).toBe(400);
    expect(await trail()).toEqual([
      expect.objectContaining({
        actor: ALICE,
        action: 'request.refused',
        targetId: `POST ${path}`,
        decision: 'denied',
        reason: expect.stringMatching(reason),
      }),
    ]);
  });

  it('audits a 403 once, with the permission the policy denied', async () => {
    const res = await request(server)
      .post('/api/nt-infra/halt')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({ reason: 'incident' });
    expect(res.status).toBe(403);
    expect(await trail()).toEqual([
      expect.objectContaining({
        actor: ALICE,
        action: 'nt-infra.halt',
        decision: 'denied',
      }),
    ]);
  });

  it('filters the trail by decision, and refuses a decision it does not store', async () => {
    const refused = await request(server)
      .post('/api/nt-infra/halt')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({ reason: 'incident' });
    expect(refused.status).toBe(403);
    const start = Date.now() + 24 * 60 * 60 * 1000;
    const requested = await request(server)
      .post('/api/nt-infra/windows')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send(
        windowRequest({
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 60 * 60_000).toISOString(),
        }),
      );
    expect(requested.status).toBe(201);

    const only = async (query: string) => {
      const res = await request(server)
        .get(`/api/nt-infra/audit?${query}`)
        .set('Authorization', mockCredentials.user.header(ALICE));
      expect(res.status).toBe(200);
      return res.body.items.map((e: AuditEvent) => `${e.action}:${e.decision}`);
    };
    expect(await only('decision=denied')).toEqual(['nt-infra.halt:denied']);
    expect(await only('decision=allowed')).toEqual(['window.request:allowed']);
    expect(await only('decision=recorded')).toEqual([]);
    expect(await only('decision=denied&actor=user%3Adefault%2Fbob')).toEqual(
      [],
    );

    for (const bad of ['refused', 'DENIED', 'denied,allowed', '']) {
      const res = await request(server)
        .get(`/api/nt-infra/audit?decision=${encodeURIComponent(bad)}`)
        .set('Authorization', mockCredentials.user.header(ALICE));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("'decision'");
    }
  });

  it('audits a refusal the service recorded itself only once', async () => {
    const start = Date.now() + 24 * 60 * 60 * 1000;
    const res = await request(server)
      .post('/api/nt-infra/windows')
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send({
        environment: 'production',
        startsAt: new Date(start).toISOString(),
        // Before it starts: the service's rule, not the schema's.
        endsAt: new Date(start - 60_000).toISOString(),
        reason: 'weekly production chaos',
        limits: {
          experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
          regions: ['westus'],
          maxFraction: 0.1,
          stopConditions: [
            {
              metric: 'ntai:slo_burn_rate:5m',
              op: '>',
              threshold: 14.4,
              for: '1m',
            },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(await trail()).toEqual([
      expect.objectContaining({
        actor: ALICE,
        action: 'window.request',
        decision: 'denied',
        reason: expect.stringContaining('endsAt'),
      }),
    ]);
  });
});
