import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  FakeOrgCalls,
  GITHUB_API,
  githubOrgHandlers,
  NT_AI_ORG,
} from '../githubOrg/__testUtils__/githubOrgApi';
import { orgEntities } from '../githubOrg/orgEntities';
import githubOrgMemberModule from '.';

jest.setTimeout(60_000);

const mswServer = setupServer();

const ORG_LOCATION = 'url:https://github.com/nt-ai';

/** What the organisation provider emits for NT_AI_ORG, plus the sample alice. */
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
    ORG_LOCATION,
  );
  const withRelations = users.map(u => ({
    ...u,
    relations: (u.spec.memberOf ?? []).map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  }));
  // catalog/org.yaml's sample user, claiming a member's GitHub id.
  const alice: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'alice',
      annotations: {
        'backstage.io/managed-by-location': 'file:/repo/catalog/org.yaml',
        'github.com/user-id': '999',
      },
    },
    spec: { memberOf: ['platform-admins'] },
  };
  return [...groups, ...withRelations, alice];
}

/** A GitHub user as `GET /user` returns it to the OAuth token. */
function githubUser(login: string, id: number) {
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: `https://github.com/${login}`,
    type: 'User',
    site_admin: false,
    name: login,
    company: null,
    blog: '',
    location: null,
    email: null,
    bio: null,
    public_repos: 1,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

async function startAuth(github: JsonObject, extra: JsonObject = {}) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      githubOrgMemberModule,
      catalogServiceMock.factory({ entities: catalogEntities() }),
      mockServices.rootLogger.factory({ level: 'none' }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          integrations: {
            github: [{ host: 'github.com', token: 'ghp_portal' }],
          },
          auth: {
            environment: 'production',
            providers: { github: { production: github } },
          },
          ...extra,
        },
      }),
    ],
  });
  return server;
}

const PROVIDER = {
  clientId: 'client-id',
  clientSecret: 'client-secret',
  signIn: {
    resolvers: [{ resolver: 'organizationMember', organization: 'nt-ai' }],
  },
};

/**
 * The browser's side of GitHub sign-in: start (nonce cookie, redirect to
 * GitHub), then GitHub's redirect back with a code, answered by the frame
 * handler's page, whose posted message is returned.
 */
async function signInAs(server: any, login: string, id: number) {
  mswServer.use(
    // The test's own backend.
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
    http.post('https://github.com/login/oauth/access_token', () =>
      HttpResponse.json({
        access_token: `gho_${login}`,
        token_type: 'bearer',
        scope: 'read:user',
      }),
    ),
    http.get(`${GITHUB_API}/user`, ({ request: req }) =>
      req.headers.get('authorization')?.endsWith(` gho_${login}`)
        ? HttpResponse.json(githubUser(login, id))
        : HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
    ),
  );
  const agent = request.agent(server);
  const start = await agent.get(
    '/api/auth/github/start?env=production&scope=read:user',
  );
  expect(start.status).toBe(302);
  const state = new URL(start.header.location).searchParams.get('state');
  const frame = await agent.get(
    `/api/auth/github/handler/frame?code=the-code&state=${state}`,
  );
  expect(frame.status).toBe(200);
  const encoded = frame.text.match(/decodeURIComponent\('([^']*)'\)/)?.[1];
  return JSON.parse(decodeURIComponent(encoded ?? '{}'));
}

describe('GitHub sign-in for members of the organisation only', () => {
  registerMswTestHooks(mswServer);

  it('signs a member in as the user the organisation provider made, with their teams', async () => {
    const calls: FakeOrgCalls = { paths: [], authorizations: [] };
    mswServer.use(...githubOrgHandlers(NT_AI_ORG, { calls }));
    const server = await startAuth(PROVIDER);
    const message = await signInAs(server, 'octo-approver', 102);
    expect(message.error).toBeUndefined();
    expect(message.response.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/octo-approver',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/octo-approver',
        'group:default/sre',
        'group:default/sre-approvers',
      ]),
    });
    // Membership was asked of GitHub with the portal's credentials.
    expect(calls.paths).toContain('/orgs/nt-ai/members/octo-approver');
    expect(calls.authorizations).toEqual(['token ghp_portal']);
  });

  it('refuses a GitHub user outside the organisation, saying why', async () => {
    mswServer.use(...githubOrgHandlers(NT_AI_ORG));
    const server = await startAuth(PROVIDER);
    const message = await signInAs(server, 'stranger', 4242);
    expect(message.response).toBeUndefined();
    expect(message.error).toEqual({
      name: 'NotAllowedError',
      message:
        "GitHub user 'stranger' is not a member of the nt-ai organisation; only its members may sign in",
    });
  });

  it('refuses a login that matches a sample user, and a member whose id maps to one', async () => {
    // 'alice' in the organisation but not from its provider: no sign-in as
    // catalog/org.yaml's alice, whatever annotation that file gives her.
    mswServer.use(
      ...githubOrgHandlers({
        ...NT_AI_ORG,
        members: [...NT_AI_ORG.members, { login: 'alice', id: 999 }],
      }),
    );
    const server = await startAuth(PROVIDER);
    const message = await signInAs(server, 'alice', 999);
    expect(message.response).toBeUndefined();
    expect(message.error.name).toBe('NotAllowedError');
    expect(message.error.message).toMatch(
      /does not come from the nt-ai organisation \(file:\/repo\/catalog\/org\.yaml\)/,
    );
  });

  it('refuses a member the catalog does not have yet', async () => {
    mswServer.use(
      ...githubOrgHandlers({
        ...NT_AI_ORG,
        members: [...NT_AI_ORG.members, { login: 'newcomer', id: 555 }],
      }),
    );
    const server = await startAuth(PROVIDER);
    const message = await signInAs(server, 'newcomer', 555);
    expect(message.error.name).toBe('NotAllowedError');
    expect(message.error.message).toMatch(/not yet in the catalog/);
  });

  it('offers no other resolver, so a config cannot resolve any login by name', async () => {
    await expect(
      startAuth({
        ...PROVIDER,
        signIn: { resolvers: [{ resolver: 'usernameMatchingUserEntityName' }] },
      }).then(async server => {
        mswServer.use(...githubOrgHandlers(NT_AI_ORG));
        return signInAs(server, 'octo-sre', 101);
      }),
    ).rejects.toThrow(/usernameMatchingUserEntityName' is not available/);
  });
});
