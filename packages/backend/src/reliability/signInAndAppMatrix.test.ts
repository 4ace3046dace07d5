import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  GITHUB_API,
  githubOrgHandlers,
  NT_AI_ORG,
} from '../modules/githubOrg/__testUtils__/githubOrgApi';
import { orgEntities } from '../modules/githubOrg/orgEntities';
import githubOrgSignInModule from '../modules/githubOrgSignIn';
import productionAuthGuardModule from '../modules/productionAuthGuard';
import sandboxUsersModule from '../modules/sandboxUsersAuth';
import { APP_FILES, writeAppDistFixture } from './__testUtils__/appDistFixture';
import { mountedRoutes } from './__testUtils__/mountedRoutes';
import { startWholeBackend } from './__testUtils__/startWholeBackend';
import { commonRoutes, Expect } from './otherPluginRoutes';
import { SIGN_IN_ROUTES } from './signInAndAppRoutes';

jest.setTimeout(240_000);

/** The members each role's caller signs in as; their teams give the roles. */
const MEMBERS = {
  viewer: ['octo-viewer', 104],
  engineer: ['octo-sre', 101],
  approver: ['octo-approver', 102],
  admin: ['octo-admin', 103],
} as const;
const RANK = { viewer: 1, engineer: 2, approver: 3, admin: 4 };
type Caller = keyof typeof MEMBERS | 'anonymous' | 'service';

/** Values that must never reach a browser. */
const SECRETS = {
  clientSecret: 'gh-oauth-client-secret-7d1f',
  integrationToken: 'ghp_portalIntegrationToken9c2e',
  externalToken: 'external-access-token-b41a',
};

/** Whether a caller may use a route of every plugin's common set (otherPluginRoutes). */
function allowed(row: Expect, caller: Caller): boolean {
  if (row.least === 'anonymous') return true;
  if (caller === 'anonymous') return false;
  if (caller === 'service') return row.service === 'allowed';
  return row.least !== 'services-only' && RANK[caller] >= RANK[row.least];
}

/** A Backstage token (a JWT) anywhere in a response. */
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

const mswServer = setupServer();

/** The users and teams the organisation provider makes of NT_AI_ORG. */
function catalogEntities(): Entity[] {
  const { users, groups } = orgEntities(
    {
      members: NT_AI_ORG.members.map(m => ({ login: m.login, id: m.id })),
      teams: NT_AI_ORG.teams.map(t => ({
        slug: t.slug,
        name: t.name,
        parentSlug: t.parent,
        memberLogins: t.members,
      })),
    },
    'nt-ai',
    'url:https://github.com/nt-ai',
  );
  return [...groups, ...users];
}

/**
 * GitHub's OAuth side: a code or a refresh token per login, each exchanged
 * for that login's access token, and `GET /user` answering for the token.
 */
function githubOAuth(logins: Record<string, number>) {
  const loginOf = (value: string | null) =>
    Object.keys(logins).find(l => value?.endsWith(`_${l}`));
  return [
    http.post(
      'https://github.com/login/oauth/access_token',
      async ({ request: req }) => {
        const form = new URLSearchParams(await req.text());
        const login = loginOf(form.get('code') ?? form.get('refresh_token'));
        return login
          ? HttpResponse.json({
              access_token: `gho_${login}`,
              refresh_token: `ghr_${login}`,
              token_type: 'bearer',
              scope: 'read:user',
            })
          : HttpResponse.json({ error: 'bad_verification_code' });
      },
    ),
    http.get(`${GITHUB_API}/user`, ({ request: req }) => {
      const login = loginOf(req.headers.get('authorization'));
      return login
        ? HttpResponse.json({ login, id: logins[login], type: 'User' })
        : HttpResponse.json({ message: 'Bad credentials' }, { status: 401 });
    }),
  ];
}

/** The message the frame handler's page posts to the app window. */
function framedMessage(html: string) {
  const encoded = html.match(/decodeURIComponent\('([^']*)'\)/)?.[1];
  return JSON.parse(decodeURIComponent(encoded ?? '{}'));
}

/** The app plugin's routes: the page and its files (the scenarios below). */
const APP_ROUTES = ['app GET /*'];

/**
 * The routes every plugin's router adds, for the two plugins here. Both
 * plugins open their whole router to unauthenticated callers (sign-in and
 * the page must work signed out), so these are open too: names of actions
 * and permissions, no data, and clearing a cookie one does not have.
 */
const OPEN_WHEN_SIGNED_OUT = [
  'DELETE /.backstage/auth/v1/cookie',
  'GET /.backstage/actions/v1/actions',
  'GET /.well-known/backstage/permissions/metadata',
];
const COMMON_ROUTES = [
  ...commonRoutes('auth', ['integrations']),
  ...commonRoutes('app', []),
].map(r =>
  OPEN_WHEN_SIGNED_OUT.includes(r.route.split(' ').slice(1).join(' '))
    ? { ...r, least: 'anonymous' as const }
    : r,
);

/** What the page may carry: the config the frontend's schemas mark visible. */
const FRONTEND_CONFIG_KEYS = ['app', 'auth', 'backend', 'integrations'];

/**
 * The auth plugin's sign-in routes and the app plugin's static files, under
 * the production config, × every kind of caller (backendPermissionMatrix's
 * six): sign-in gives a token only to a member of the organisation, as
 * themselves; development sign-in is absent; the page carries only
 * frontend-visible config; no source map, dotfile or file outside the build.
 */
describe('sign-in and static files: auth and app plugins, every kind of caller', () => {
  registerMswTestHooks(mswServer);
  let server: any;
  let stop: (() => Promise<void>) | undefined;
  let tmp: string;
  const tokens: Partial<Record<Caller, string>> = {};
  const CALLERS: Caller[] = [
    'anonymous',
    'viewer',
    'engineer',
    'approver',
    'admin',
    'service',
  ];
  const authorization = (caller: Caller) => tokens[caller];
  const figures = { cells: 0, 'tokens handed out': 0, unexpected: 0 };
  const surprises: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-sign-in-matrix-'));
    const appPackage = await writeAppDistFixture(tmp);
    const backend = await startWholeBackend(
      [
        appBackend,
        authBackend,
        guestProviderModule,
        githubOrgSignInModule,
        sandboxUsersModule,
        productionAuthGuardModule,
        catalogServiceMock.factory({ entities: catalogEntities() }),
        // Real tokens: each caller holds what sign-in or the external
        // access config gives it, not a mock token.
        authServiceFactory,
        httpAuthServiceFactory,
      ],
      {
        app: {
          baseUrl: 'http://localhost:3000',
          title: 'NT-AI Infrastructure',
          packageName: appPackage,
        },
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: {
                  token: SECRETS.externalToken,
                  subject: 'failover-test-workflow-production',
                },
              },
            ],
          },
        },
        integrations: {
          github: [{ host: 'github.com', token: SECRETS.integrationToken }],
        },
        auth: {
          environment: 'production',
          providers: {
            github: {
              production: {
                clientId: 'client-id',
                clientSecret: SECRETS.clientSecret,
              },
            },
          },
        },
        catalog: { providers: { githubOrg: { org: 'nt-ai' } } },
      },
    );
    server = backend.server;
    stop = backend.stop;
    mswServer.use(
      http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
      ...githubOrgHandlers(NT_AI_ORG),
      ...githubOAuth(Object.fromEntries(Object.values(MEMBERS))),
    );
    for (const [role, [login]] of Object.entries(MEMBERS)) {
      const { message } = await signIn(`code_${login}`);
      tokens[
        role as Caller
      ] = `Bearer ${message.response.backstageIdentity.token}`;
    }
    tokens.service = `Bearer ${SECRETS.externalToken}`;
  });

  beforeEach(() => {
    mswServer.use(
      // The test's own backend.
      http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
    );
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(
      `[reliability] sign-in and static files matrix (auth, app)\n  cells tried: ${
        figures.cells
      }\n  tokens handed out by a row: ${
        figures['tokens handed out']
      }\n  unexpected results: ${figures.unexpected}${surprises
        .map(s => `\n    ${s}`)
        .join('')}`,
    );
    await stop?.();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A request as `caller`, with the token it holds (none for anonymous). */
  const send = (
    method: string,
    url: string,
    caller: Caller,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    let req = (request(server) as any)[method.toLowerCase()](
      url,
    ) as request.Test;
    const token = authorization(caller);
    if (token) req = req.set('Authorization', token);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return body === undefined ? req : req.send(body as object);
  };

  it('has a row for every route of the auth and app plugins, and no row for a route that is gone', () => {
    const routes = mountedRoutes(server);
    const live = ['auth', 'app']
      .flatMap(plugin => (routes[plugin] ?? []).map(r => `${plugin} ${r}`))
      .sort();
    expect(
      [
        ...SIGN_IN_ROUTES.map(r => r.route),
        ...COMMON_ROUTES.map(r => r.route),
        ...APP_ROUTES,
      ].sort(),
    ).toEqual(live);
  });

  it('gives each caller of each sign-in route exactly its row, and never a token', async () => {
    const cell = (route: string, caller: Caller, want: string, res: any) => {
      figures.cells += 1;
      const token =
        JWT.test(res.text ?? '') || JWT.test(String(res.header.location));
      if (token) figures['tokens handed out'] += 1;
      const got = String(res.status);
      if (token || !want.split('|').includes(got)) {
        figures.unexpected += 1;
        surprises.push(
          `${route} as ${caller}: ${want} expected, got ${got}${
            token ? ' with a token' : ''
          } ${String(res.text).slice(0, 120)}`,
        );
      }
    };
    for (const row of SIGN_IN_ROUTES) {
      const [, method, pattern] = row.route.split(' ');
      for (const caller of CALLERS) {
        const res = await send(
          method === 'USE' ? 'GET' : method,
          `/api/auth${row.url ?? pattern}`,
          caller,
          row.body,
          row.headers,
        );
        const want =
          typeof row.status === 'number'
            ? row.status
            : row.status[
                caller === 'anonymous' || caller === 'service' ? caller : 'user'
              ];
        cell(row.route, caller, String(want), res);
      }
    }
    // The routes every plugin's router adds, by role, as for the others.
    for (const row of COMMON_ROUTES) {
      const [plugin, method, pattern] = row.route.split(' ');
      if (method === 'USE') continue; // prefixes of the rows beside them
      for (const caller of CALLERS) {
        const res = await send(
          method,
          `/api/${plugin}${row.url ?? pattern}`,
          caller,
          row.body,
          row.headers,
        );
        const ok = allowed(row, caller);
        figures.cells += 1;
        const refused = res.status === 401 || res.status === 403;
        if (ok === refused || res.status >= 500) {
          figures.unexpected += 1;
          surprises.push(
            `${row.route} as ${caller}: ${
              ok ? 'allowed' : 'refused'
            } expected, got ${res.status}`,
          );
        }
      }
    }
    expect(surprises).toEqual([]);
    expect(figures['tokens handed out']).toBe(0);
  });

  it('tells each signed-in user their own profile, and nobody else anything', async () => {
    const seen: Array<{ caller: Caller; status: number; whose: string[] }> = [];
    for (const caller of CALLERS) {
      const res = await send('GET', '/api/auth/v1/userinfo', caller);
      const text = JSON.stringify(res.body ?? {});
      const whose = Object.values(MEMBERS)
        .map(([login]) => login)
        .filter(login => text.includes(`user:default/${login}"`));
      seen.push({ caller, status: res.status, whose });
    }
    const own = (caller: Caller) =>
      caller in MEMBERS
        ? { status: 200, whose: [MEMBERS[caller as keyof typeof MEMBERS][0]] }
        : { status: caller === 'anonymous' ? 401 : 400, whose: [] };
    expect(seen).toEqual(CALLERS.map(caller => ({ caller, ...own(caller) })));
  });

  it('has no development sign-in under the production config', async () => {
    for (const provider of ['guest', 'sandbox-users']) {
      for (const step of ['start', 'refresh', 'handler/frame']) {
        for (const caller of CALLERS) {
          const res = await send(
            'GET',
            `/api/auth/${provider}/${step}`,
            caller,
            undefined,
            {
              'X-Requested-With': 'XMLHttpRequest',
              'x-nt-sandbox-user': 'octo-admin',
            },
          );
          expect({ provider, step, caller, status: res.status }).toEqual({
            provider,
            step,
            caller,
            status: 404,
          });
          expect(res.text).not.toMatch(JWT);
        }
      }
    }
  });

  /** GitHub sign-in in a browser: start, then GitHub's redirect back with `code`. */
  async function signIn(code: string, caller?: Caller) {
    const agent = request.agent(server);
    const token = caller && authorization(caller);
    const withToken = (req: request.Test) =>
      token ? req.set('Authorization', token) : req;
    const start = await withToken(
      agent.get('/api/auth/github/start?env=production&scope=read:user'),
    );
    expect(start.status).toBe(302);
    const state = new URL(start.header.location).searchParams.get('state');
    const frame = await withToken(
      agent.get(`/api/auth/github/handler/frame?code=${code}&state=${state}`),
    );
    expect(frame.status).toBe(200);
    return { agent, message: framedMessage(frame.text) };
  }

  it('gives a token to a member of the organisation, as that member, whoever the caller is', async () => {
    mswServer.use(
      ...githubOrgHandlers(NT_AI_ORG),
      ...githubOAuth({ 'octo-sre': 101, stranger: 4242 }),
    );
    for (const caller of CALLERS) {
      const { message } = await signIn('code_octo-sre', caller);
      expect(message.error).toBeUndefined();
      expect(message.response.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/octo-sre',
      );
      expect(message.response.backstageIdentity.token).toMatch(JWT);
    }
  });

  it('gives no token to a GitHub user outside the organisation', async () => {
    mswServer.use(
      ...githubOrgHandlers(NT_AI_ORG),
      ...githubOAuth({ 'octo-sre': 101, stranger: 4242 }),
    );
    for (const caller of CALLERS) {
      const { agent, message } = await signIn('code_stranger', caller);
      expect(message.response).toBeUndefined();
      expect(message.error.name).toBe('NotAllowedError');
      // Nor later: the refresh has nothing to refresh.
      const token = authorization(caller);
      let refresh = agent
        .get('/api/auth/github/refresh?env=production')
        .set('X-Requested-With', 'XMLHttpRequest');
      if (token) refresh = refresh.set('Authorization', token);
      const res = await refresh;
      expect(res.text).not.toMatch(JWT);
      expect(res.status).not.toBe(200);
    }
  });

  it("refreshes only the session its cookie holds: never a token for the caller's own or another user", async () => {
    mswServer.use(
      ...githubOrgHandlers(NT_AI_ORG),
      ...githubOAuth({ 'octo-sre': 101, 'octo-admin': 103 }),
    );
    const { agent } = await signIn('code_octo-sre');
    for (const caller of CALLERS) {
      const token = authorization(caller);
      let refresh = agent
        .get('/api/auth/github/refresh?env=production')
        .set('X-Requested-With', 'XMLHttpRequest');
      if (token) refresh = refresh.set('Authorization', token);
      const res = await refresh;
      expect({ caller, status: res.status }).toEqual({ caller, status: 200 });
      expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/octo-sre',
      );
    }
    // A refresh cookie GitHub did not issue (another user's, guessed) mints nothing.
    for (const forged of ['ghr_octo-admin-guess', 'ghr_nobody']) {
      const res = await send(
        'GET',
        '/api/auth/github/refresh?env=production',
        'admin',
        undefined,
        {
          'X-Requested-With': 'XMLHttpRequest',
          Cookie: `github-refresh-token=${forged}`,
        },
      );
      expect(res.status).toBe(401);
      expect(res.text).not.toMatch(JWT);
    }
  });

  it('puts only frontend-visible config in the page: app settings, no secret', async () => {
    for (const url of ['/', '/index.html', '/catalog/default/component/x']) {
      const res = await request(server).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      for (const secret of Object.values(SECRETS)) {
        expect(res.text).not.toContain(secret);
      }
      const injected = res.text.match(
        /<script type="backstage.io\/config">([\s\S]*?)<\/script>/,
      );
      expect(injected).not.toBeNull();
      const configs = JSON.parse(injected![1]) as Array<{
        data: Record<string, any>;
      }>;
      const merged = Object.assign({}, ...configs.map(c => c.data));
      expect(merged.app).toMatchObject({
        baseUrl: 'http://localhost:3000',
        title: 'NT-AI Infrastructure',
      });
      // The app's package path is the server's business.
      expect(merged.app.packageName).toBeUndefined();
      expect(Object.keys(merged).sort()).toEqual(FRONTEND_CONFIG_KEYS);
      // Of sign-in, only which environment; of integrations, only where.
      expect(merged.auth).toEqual({
        environment: 'production',
        providers: { github: {} },
      });
      expect(merged.integrations.github).toEqual([{ host: 'github.com' }]);
    }
  });

  it('serves the bundle, but no source map, dotfile or file outside the build', async () => {
    const bundle = await request(server).get(`/${APP_FILES.bundle}`);
    expect(bundle.status).toBe(200);
    expect(bundle.text).toContain('nt-ai portal');
    const refused = [
      `/${APP_FILES.sourceMap}`,
      `/${APP_FILES.sourceMap.replace('.map', '%2Emap')}`,
      `/api/app/${APP_FILES.sourceMap}`,
      '/.config-schema.json',
      '/static/../.config-schema.json',
      '/static/%2e%2e/.config-schema.json',
      '/%2e%2e/package.json',
      '/static/..%2f..%2fpackage.json',
      '/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/static/%2e%2e%2f%2e%2e%2fpackage.json',
    ];
    for (const url of refused) {
      const res = await request(server).get(url);
      // Unknown paths get the page (the app routes them), never the file.
      expect(res.text).not.toContain('"name":"app"');
      expect(res.text).not.toContain('sourcesContent');
      expect(res.text).not.toContain('"$schema"');
      expect(res.text).not.toContain('root:');
      const ok =
        [400, 403, 404].includes(res.status) ||
        (res.status === 200 && res.text.includes('<html'));
      expect({ url, status: res.status, ok }).toEqual({
        url,
        status: res.status,
        ok: true,
      });
    }
  });
});
