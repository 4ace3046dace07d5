import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import ntInfraBackend from '@internal/plugin-nt-infra-backend';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import permissionPolicyModule from '../modules/permissionPolicy';
import { sandboxPortalConfig } from './__testUtils__/sandboxPortalConfig';

jest.setTimeout(240_000);

const CALLERS = [
  'anonymous',
  'viewer',
  'engineer',
  'approver',
  'admin',
  'service',
] as const;
type Caller = (typeof CALLERS)[number];
type Least = 'anonymous' | 'viewer' | 'engineer' | 'approver';

const USERS = {
  viewer: 'user:default/vera',
  engineer: 'user:default/alice',
  approver: 'user:default/bob',
  admin: 'user:default/carol',
};
const RANK: Record<string, number> = {
  anonymous: 0,
  viewer: 1,
  engineer: 2,
  approver: 3,
  admin: 4,
};

/**
 * What each caller gets. Users: allowed from the route's least role up
 * (viewer < engineer < approver < admin), 403 below it; anonymous callers
 * 401 everywhere but /health. Service principals (another backend plugin, an
 * external access token such as CI's) are trusted by Backstage within their
 * access restrictions, so they may read and start runs; approving and
 * halting need a person: four-eyes is between people.
 */
function expected(least: Least, caller: Caller): 'allowed' | 401 | 403 {
  if (least === 'anonymous') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (caller === 'service') return least === 'approver' ? 403 : 'allowed';
  return RANK[caller] >= RANK[least] ? 'allowed' : 403;
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const soon = (hours: number) =>
  new Date(
    Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (24 + hours) * 3_600_000,
  ).toISOString();
const template = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '1m',
  mode: 'one',
  stopConditions: [
    { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '0s' },
  ],
};
const chaosBody = { environment: 'production', regions: ['eastus'], template };
// Passes validation, then fails in the plan (no such file): no IaC checks run.
const changeBody = {
  kind: 'chaos-experiment',
  params: {
    file: 'staging/no-such-experiment.yaml',
    set: [{ path: ['spec', 'duration'], value: '1m' }],
  },
  reason: 'permission matrix',
};
const windowBody = {
  environment: 'production',
  startsAt: soon(0),
  endsAt: soon(1),
  reason: 'permission matrix',
  limits: {
    experiments: [],
    regions: ['eastus'],
    maxFraction: 0.1,
    stopConditions: [],
  },
};

/** Every route with valid input and the least role it needs. */
const MATRIX: Array<{
  route: string;
  least: Least;
  body?: unknown;
  idempotent?: boolean;
}> = [
  { route: 'GET /health', least: 'anonymous' },
  { route: 'GET /regions', least: 'viewer' },
  { route: 'GET /regions/production/eastus/slis', least: 'viewer' },
  { route: 'GET /traffic', least: 'viewer' },
  { route: 'GET /experiments', least: 'viewer' },
  { route: 'GET /runs', least: 'viewer' },
  { route: `GET /runs/${UNKNOWN}`, least: 'viewer' },
  { route: 'GET /audit', least: 'viewer' },
  { route: 'GET /halt', least: 'viewer' },
  { route: `GET /failover-tests/${UNKNOWN}`, least: 'viewer' },
  { route: 'GET /windows', least: 'viewer' },
  { route: `GET /windows/${UNKNOWN}`, least: 'viewer' },
  { route: 'GET /gitops/changes', least: 'viewer' },
  { route: `GET /gitops/changes/${UNKNOWN}`, least: 'viewer' },
  { route: `GET /gitops/changes/${UNKNOWN}/delivery`, least: 'viewer' },
  { route: 'GET /delivery', least: 'viewer' },
  {
    route: 'GET /resilience/scores?entityRef=component:default/ntai-api',
    least: 'viewer',
  },
  { route: 'GET /gamedays/scenarios', least: 'viewer' },
  { route: `GET /gamedays/${UNKNOWN}/report`, least: 'viewer' },
  { route: 'POST /runs/chaos/preview', least: 'engineer', body: chaosBody },
  {
    route: 'POST /runs/chaos',
    least: 'engineer',
    body: chaosBody,
    idempotent: true,
  },
  {
    route: `POST /runs/${UNKNOWN}/stop`,
    least: 'engineer',
    body: { reason: 'm' },
  },
  {
    route: 'POST /failover-tests/preview',
    least: 'engineer',
    body: { environment: 'production', fromRegion: 'eastus' },
  },
  {
    route: 'POST /failover-tests',
    least: 'engineer',
    body: { environment: 'production', fromRegion: 'eastus' },
    idempotent: true,
  },
  {
    route: `POST /failover-tests/${UNKNOWN}/abort`,
    least: 'engineer',
    body: {},
  },
  { route: 'POST /windows', least: 'engineer', body: windowBody },
  { route: `POST /windows/${UNKNOWN}/cancel`, least: 'engineer', body: {} },
  {
    route: `POST /windows/${UNKNOWN}/approve`,
    least: 'approver',
    body: { comment: 'ok' },
  },
  {
    route: `POST /windows/${UNKNOWN}/reject`,
    least: 'approver',
    body: { comment: 'no' },
  },
  {
    route: 'POST /gitops/changes/preview',
    least: 'engineer',
    body: changeBody,
  },
  {
    route: 'POST /gitops/changes',
    least: 'engineer',
    body: changeBody,
    idempotent: true,
  },
  {
    route: `POST /gitops/changes/${UNKNOWN}/approve`,
    least: 'approver',
    body: { comment: 'ok' },
  },
  {
    route: `POST /gitops/changes/${UNKNOWN}/merge`,
    least: 'approver',
    body: {},
  },
  {
    route: `POST /gitops/changes/${UNKNOWN}/close`,
    least: 'engineer',
    body: { comment: 'x' },
  },
  {
    route: 'POST /gamedays/preview',
    least: 'engineer',
    body: { scenario: 'no-such-scenario', environment: 'production' },
  },
  {
    route: 'POST /gamedays',
    least: 'engineer',
    body: { scenario: 'no-such-scenario', environment: 'production' },
    idempotent: true,
  },
  {
    route: `POST /gamedays/${UNKNOWN}/abort`,
    least: 'engineer',
    body: { reason: 'm' },
  },
  // Notes read the GameDay first (404 for this id, whoever asks); who may
  // then write (observers, or gameday.run) is gamedayRoutes.test.ts's matrix.
  {
    route: `POST /gamedays/${UNKNOWN}/notes`,
    least: 'viewer',
    body: { text: 'n' },
  },
  // Halt last: engaged by an approver, released right after.
  {
    route: 'POST /halt',
    least: 'approver',
    body: { reason: 'permission matrix' },
  },
  {
    route: 'POST /halt/release',
    least: 'approver',
    body: { reason: 'permission matrix' },
  },
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The nt-infra router's routes, read from the running server's express stack. */
function pluginRoutes(server: any): string[] {
  const stacks: Layer[][] = [];
  const walk = (stack: Layer[]) => {
    stacks.push(stack);
    for (const l of stack)
      if (l.handle?.stack && !l.route) walk(l.handle.stack);
  };
  const app = server.listeners('request')[0];
  walk(app._router?.stack ?? app.stack ?? []);
  const ours = stacks.find(st =>
    st.some(l => l.route?.path === '/runs/chaos/preview'),
  );
  return (ours ?? [])
    .filter(l => l.route)
    .flatMap(l =>
      Object.keys(l.route!.methods).map(
        m => `${m.toUpperCase()} ${l.route!.path}`,
      ),
    );
}

function authorization(caller: Caller): string {
  switch (caller) {
    case 'anonymous':
      return mockCredentials.none.header();
    case 'service':
      return mockCredentials.service.header();
    default:
      return mockCredentials.user.header(USERS[caller]);
  }
}

describe('permission matrix: every route × every kind of caller, real policy', () => {
  let sandbox: TestSandbox;
  let server: any;
  let tmp: string;
  const figures = { cells: 0, 'unauthorized successes': 0, unexpected: 0 };
  const surprises: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-matrix-'));
    const backend = await startTestBackend({
      features: [
        ntInfraBackend,
        permissionBackend,
        permissionPolicyModule,
        permissionsServiceFactory,
        mockServices.rootLogger.factory({ level: 'error' }),
        // The resilience score reads entities with the caller's credentials.
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: sandboxPortalConfig(sandbox.endpoints, {
            gitopsRemote: path.join(tmp, 'remote.git'),
            roles: {
              viewer: [USERS.viewer],
              engineer: [USERS.engineer],
              approver: [USERS.approver],
              admin: [USERS.admin],
            },
          }),
        }),
      ],
    });
    server = backend.server;
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `[reliability] permission matrix\n  cells tried: ${
        figures.cells
      }\n  unauthorized successes: ${
        figures['unauthorized successes']
      }\n  unexpected results: ${figures.unexpected}${surprises
        .map(s => `\n    ${s}`)
        .join('')}`,
    );
    await sandbox?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const send = (
    route: string,
    caller: Caller,
    body?: unknown,
    key?: string,
  ) => {
    const [method, p] = route.split(' ');
    let req = (request(server) as any)[method.toLowerCase()](
      `/api/nt-infra${p}`,
    ) as request.Test;
    req = req.set('Authorization', authorization(caller));
    if (key) req = req.set('Idempotency-Key', key);
    return body === undefined ? req : req.send(body as object);
  };

  it('has a matrix row for every route of the router', () => {
    const live = pluginRoutes(server).sort();
    const rows = MATRIX.map(({ route }) =>
      route
        .replace(/\?.*$/, '')
        .replace(UNKNOWN, ':id')
        .replace('/production/eastus/', '/:environment/:region/'),
    ).sort();
    expect(rows).toEqual(live);
  });

  it('keeps four eyes on windows: the requester cannot approve, even as admin', async () => {
    const requested = await send('POST /windows', 'admin', {
      ...windowBody,
      limits: {
        experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
        regions: ['eastus'],
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
    expect(requested.status).toBe(201);
    const id = requested.body.id;
    const self = await send(`POST /windows/${id}/approve`, 'admin', {
      comment: 'mine',
    });
    expect(self.status).toBe(403);
    const engineer = await send(`POST /windows/${id}/approve`, 'engineer', {
      comment: 'not mine to approve',
    });
    expect(engineer.status).toBe(403);
    const service = await send(`POST /windows/${id}/approve`, 'service', {
      comment: 'a robot',
    });
    expect(service.status).toBe(403);
    const other = await send(`POST /windows/${id}/approve`, 'approver', {
      comment: 'ok',
    });
    expect(other.status).toBe(200);
    expect(other.body.state).toBe('approved');
    const again = await send(`POST /windows/${id}/approve`, 'admin', {
      comment: 'twice',
    });
    expect(again.status).toBe(403);
  });

  it("lets an approver, not a service token, cancel someone else's window", async () => {
    const requested = await send('POST /windows', 'engineer', {
      ...windowBody,
      // Clear of the window the four-eyes test approved (approved windows may not overlap).
      startsAt: soon(2),
      endsAt: soon(3),
      limits: {
        experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
        regions: ['eastus'],
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
    expect(requested.status).toBe(201);
    const id = requested.body.id;
    const service = await send(`POST /windows/${id}/cancel`, 'service', {});
    expect(service.status).toBe(403);
    const approver = await send(`POST /windows/${id}/cancel`, 'approver', {});
    expect(approver.status).toBe(200);
    expect(approver.body.state).toBe('cancelled');
  });

  it('keeps four eyes on change requests: the requester cannot approve or merge, even as admin', async () => {
    const created = await send(
      'POST /gitops/changes',
      'admin',
      {
        kind: 'scale-workload',
        params: {
          environment: 'staging',
          workload: 'ntai-worker',
          maxReplicas: 7,
        },
        reason: 'four eyes',
      },
      'four-eyes-1',
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const action of ['approve', 'merge']) {
      const self = await send(
        `POST /gitops/changes/${id}/${action}`,
        'admin',
        action === 'approve' ? { comment: 'mine' } : {},
      );
      expect(self.status).toBe(403);
    }
    const other = await send(`POST /gitops/changes/${id}/approve`, 'approver', {
      comment: 'ok',
    });
    expect(other.status).toBe(200);
    expect(other.body.state).toBe('approved');
  });

  it('covers every route and gives each caller exactly its table entry', async () => {
    for (const { route, least, body, idempotent } of MATRIX) {
      for (const caller of CALLERS) {
        figures.cells += 1;
        const want = expected(least, caller);
        const res = await send(
          route,
          caller,
          body,
          idempotent ? `matrix-${caller}-${figures.cells}` : undefined,
        );
        const got =
          res.status === 401 || res.status === 403 ? res.status : 'allowed';
        if (got !== want) {
          figures.unexpected += 1;
          if (want !== 'allowed') figures['unauthorized successes'] += 1;
          surprises.push(
            `${route} as ${caller}: expected ${want}, got ${
              res.status
            } ${JSON.stringify(res.body?.error?.message ?? '').slice(0, 160)}`,
          );
        }
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(surprises).toEqual([]);
  });
});
