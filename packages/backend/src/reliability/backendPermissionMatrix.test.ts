import { mockCredentials } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import eventsBackend from '@backstage/plugin-events-backend';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import searchBackend from '@backstage/plugin-search-backend';
import searchCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import signalsBackend from '@backstage/plugin-signals-backend';
import userSettingsBackend from '@backstage/plugin-user-settings-backend';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import kubernetesProxyGuardModule from '../modules/kubernetesProxyGuard';
import permissionPolicyModule from '../modules/permissionPolicy';
import scaffolderPeopleOnlyModule from '../modules/scaffolderPeopleOnly';
import searchEngineModule from '../modules/searchEngine';
import { mountedRoutes } from './__testUtils__/mountedRoutes';
import { sandboxPortalConfig } from './__testUtils__/sandboxPortalConfig';
import { startWholeBackend } from './__testUtils__/startWholeBackend';
import { OTHER_PLUGIN_ROUTES, Expect } from './otherPluginRoutes';

jest.setTimeout(240_000);

const CALLERS = [
  'anonymous',
  'viewer',
  'engineer',
  'approver',
  'service',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];
const USERS = {
  viewer: 'user:default/vera',
  engineer: 'user:default/alice',
  approver: 'user:default/bob',
  admin: 'user:default/carol',
};
const RANK = { viewer: 1, engineer: 2, approver: 3, admin: 4 };

/** Whether a caller may use a route whose row is `row`. */
function allowed(row: Expect, caller: Caller): boolean {
  if (row.least === 'anonymous') return true;
  if (caller === 'anonymous') return false;
  if (caller === 'service') return row.service === 'allowed';
  return row.least !== 'services-only' && RANK[caller] >= RANK[row.least];
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

const CLUSTER = 'aks-ntai-production-eastus';
const COMPONENT = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ntai-api' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:sre' },
};

/**
 * Every route of every other plugin this backend mounts (nt-infra's own are
 * permissionMatrix.test.ts's), × every kind of caller, through the real
 * deny-by-default policy, and the Kubernetes proxy watched from the cluster's
 * side: the sandbox's Kubernetes API counts every request it receives.
 */
describe('backend permission matrix: every plugin mounted, every kind of caller', () => {
  let sandbox: TestSandbox;
  let server: any;
  let stop: (() => Promise<void>) | undefined;
  let tmp: string;
  const figures = { cells: 0, 'unauthorized successes': 0, unexpected: 0 };
  const surprises: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-backend-matrix-'));
    const catalogFile = path.join(tmp, 'catalog-info.yaml');
    fs.writeFileSync(catalogFile, JSON.stringify(COMPONENT));
    const config = sandboxPortalConfig(sandbox.endpoints, {
      gitopsRemote: path.join(tmp, 'remote.git'),
      roles: {
        engineer: [USERS.engineer],
        approver: [USERS.approver],
        admin: [USERS.admin],
      },
    });
    const backend = await startWholeBackend(
      [
        catalogBackend,
        kubernetesBackend,
        kubernetesProxyGuardModule,
        mcpActionsBackend,
        scaffolderBackend,
        scaffolderPeopleOnlyModule,
        notificationsBackend,
        signalsBackend,
        userSettingsBackend,
        eventsBackend,
        permissionBackend,
        permissionPolicyModule,
        searchBackend,
        searchEngineModule,
        searchCatalogCollator,
      ],
      {
        ...config,
        permission: { ...config.permission, defaultRole: 'viewer' },
        app: { baseUrl: 'http://localhost:3000' },
        // The catalog's actions as MCP tools: nt-infra's are mcpSession.test.ts's.
        backend: { actions: { pluginSources: ['catalog'] } },
        mcpActions: { name: 'nt-infra' },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: catalogFile }],
          processingInterval: { seconds: 1 },
        },
        kubernetes: {
          ...config.kubernetes,
          serviceLocatorMethod: { type: 'multiTenant' },
        },
      },
    );
    server = backend.server;
    stop = backend.stop;
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `[reliability] backend permission matrix (catalog, kubernetes, mcp-actions, scaffolder, notifications, signals, user-settings, events, permission, search)\n  cells tried: ${
        figures.cells
      }\n  unauthorized successes: ${
        figures['unauthorized successes']
      }\n  unexpected results: ${figures.unexpected}${surprises
        .map(s => `\n    ${s}`)
        .join('')}`,
    );
    await stop?.();
    await sandbox?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const send = (
    plugin: string,
    method: string,
    url: string,
    caller: Caller,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    let req = (request(server) as any)[method.toLowerCase()](
      `/api/${plugin}${url}`,
    ) as request.Test;
    req = req.set('Authorization', authorization(caller));
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return body === undefined ? req : req.send(body as object);
  };

  const clusterRequests = async (): Promise<number> =>
    (await sandbox.control('/requests')).clusters[CLUSTER];

  it('mounts every plugin the backend adds, but for the ones another matrix tests', () => {
    const added = [
      ...fs
        .readFileSync(path.join(__dirname, '..', 'index.ts'), 'utf8')
        .matchAll(/backend\.add\(import\('(@[^']+)'\)\)/g),
    ]
      .map(m => m[1])
      .filter(pkg => !/-module-/.test(pkg))
      .sort();
    const mountedHere = Object.keys(mountedRoutes(server));
    const elsewhere: Record<string, string> = {
      // Every route × caller: permissionMatrix.test.ts, through the same policy.
      '@internal/plugin-nt-infra-backend': 'permissionMatrix.test.ts',
      // Sign-in routes and the built frontend's files, under the production
      // config, × the same six callers.
      '@backstage/plugin-auth-backend': 'signInAndAppMatrix.test.ts',
      '@backstage/plugin-app-backend': 'signInAndAppMatrix.test.ts',
    };
    const plugin = (pkg: string) =>
      pkg.replace(/^@[^/]+\/(plugin-)?/, '').replace(/-backend$/, '');
    expect(
      added.filter(
        pkg => !elsewhere[pkg] && !mountedHere.includes(plugin(pkg)),
      ),
    ).toEqual([]);
    for (const file of new Set(Object.values(elsewhere))) {
      expect(fs.existsSync(path.join(__dirname, file))).toBe(true);
    }
  });

  /**
   * The scaffolder mounts its API as a whole express app, which the promise
   * router wraps in a closure the mounted stack cannot look into: its routes
   * are read from the OpenAPI spec it serves instead, plus the spec route
   * itself and the task event stream the spec leaves out.
   */
  const scaffolderRoutes = async () => {
    const spec = await send('scaffolder', 'GET', '/openapi.json', 'viewer');
    expect(spec.status).toBe(200);
    return [
      ...Object.entries(spec.body.paths as Record<string, object>).flatMap(
        ([route, methods]) =>
          Object.keys(methods).map(
            method =>
              `scaffolder ${method.toUpperCase()} ${route
                .replace(/^\/api\/scaffolder/, '')
                .replace(/\{(\w+)\}/g, ':$1')}`,
          ),
      ),
      'scaffolder GET /openapi.json',
      'scaffolder GET /v2/tasks/:taskId/eventstream',
    ];
  };

  it('has a row for every route of every plugin, and no row for a route that is gone', async () => {
    const live = [
      ...Object.entries(mountedRoutes(server)).flatMap(([plugin, routes]) =>
        routes.map(r => `${plugin} ${r}`),
      ),
      ...(await scaffolderRoutes()),
    ].sort();
    expect(OTHER_PLUGIN_ROUTES.map(r => r.route).sort()).toEqual(live);
  });

  it('lets no request but a signed-in admin reach a cluster through the Kubernetes proxy', async () => {
    const proxied = (caller: Caller, method: string) =>
      send(
        'kubernetes',
        method,
        '/proxy/apis/chaos-mesh.org/v1alpha1/namespaces/ntai/podchaos/x',
        caller,
        undefined,
        { 'Backstage-Kubernetes-Cluster': CLUSTER },
      );
    const before = await clusterRequests();
    for (const caller of CALLERS.filter(c => c !== 'admin')) {
      for (const method of ['GET', 'DELETE']) {
        const res = await proxied(caller, method);
        expect([401, 403]).toContain(res.status);
      }
    }
    expect(await clusterRequests()).toBe(before);
    // An admin passes the guard and the policy. (Backstage's mock auth cannot
    // mint the token the proxy forwards, so in-process the request itself
    // ends in the plugin; the refusals above are what this test is about.)
    const admin = await proxied('admin', 'GET');
    expect([401, 403]).not.toContain(admin.status);
  });

  it('gives each caller of each route exactly its row', async () => {
    const entity = await send(
      'catalog',
      'GET',
      '/entities/by-name/component/default/ntai-api',
      'admin',
    );
    const ids = { uid: entity.body?.metadata?.uid as string | undefined };
    for (const row of OTHER_PLUGIN_ROUTES) {
      const [plugin, method, pattern] = row.route.split(' ');
      if (method === 'USE') continue; // the proxy has its own test above
      const url = row.url ?? pattern;
      for (const caller of CALLERS) {
        figures.cells += 1;
        const res = await send(
          plugin,
          method,
          url.replace(':uid', ids.uid ?? 'none'),
          caller,
          row.body,
          row.headers,
        );
        const refused = res.status === 401 || res.status === 403;
        const success = res.status < 400;
        const want = allowed(row, caller);
        if (!want && success) figures['unauthorized successes'] += 1;
        // A 5xx is neither a refusal nor an answer: never what a row expects.
        const failed = res.status >= 500;
        const wrongStatus =
          want && row.status !== undefined && res.status !== row.status;
        if ((want && refused) || (!want && success) || failed || wrongStatus) {
          figures.unexpected += 1;
          surprises.push(
            `${row.route} as ${caller}: ${
              want ? `allowed (${row.status ?? 'not 401/403/5xx'})` : 'refused'
            } expected, got ${res.status} ${JSON.stringify(
              res.body?.error?.message ?? '',
            ).slice(0, 120)}`,
          );
        }
      }
    }
    expect(surprises).toEqual([]);
    expect(figures['unauthorized successes']).toBe(0);
  });
});
