import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  FakeOrg,
  FakeOrgCalls,
  GITHUB_API,
  githubOrgHandlers,
  NT_AI_ORG,
} from './__testUtils__/githubOrgApi';
import { readGithubOrgConfig } from './config';
import { githubClientFactory } from './githubClient';
import { GithubOrgEntityProvider } from './GithubOrgEntityProvider';

const config = new ConfigReader({
  integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
});

function setup() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const logger = mockServices.logger.mock();
  const provider = new GithubOrgEntityProvider({
    org: 'nt-ai',
    host: 'github.com',
    client: githubClientFactory(config, 'github.com', 'nt-ai'),
    logger,
    taskRunner: {
      run: async task => {
        tasks.push(task);
      },
    },
  });
  return { provider, connection, mutations, tasks, logger };
}

const byName = (m: EntityProviderMutation, kind: string, name: string) =>
  m.type === 'full'
    ? m.entities.find(
        e => e.entity.kind === kind && e.entity.metadata.name === name,
      )?.entity
    : undefined;

describe('GithubOrgEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('emits every team as a Group and every member as a User, across all pages', async () => {
    const calls: FakeOrgCalls = { paths: [], authorizations: [] };
    server.use(...githubOrgHandlers(NT_AI_ORG, { pageSize: 2, calls }));
    const { provider, connection, mutations, tasks } = setup();
    await provider.connect(connection);
    expect(tasks).toHaveLength(1);
    await tasks[0].fn(new AbortController().signal);

    expect(mutations).toHaveLength(1);
    const [mutation] = mutations;
    expect(mutation.type).toBe('full');
    if (mutation.type !== 'full') return;
    // 5 members on 3 pages of 2: all of them, found only by following Link.
    const users = mutation.entities.filter(e => e.entity.kind === 'User');
    expect(users.map(u => u.entity.metadata.name).sort()).toEqual([
      'Mixed-Case',
      'octo-admin',
      'octo-approver',
      'octo-sre',
      'octo-viewer',
    ]);
    expect(calls.paths).toContain('/orgs/nt-ai/members?per_page=2&page=3');
    expect(calls.paths).toContain(
      '/orgs/nt-ai/teams/sre/members?per_page=2&page=2',
    );
    expect(new Set(calls.authorizations)).toEqual(new Set(['token ghp_test']));

    expect(byName(mutation, 'Group', 'sre-approvers')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'sre-approvers',
        description: 'SRE approvers team',
        annotations: {
          'backstage.io/managed-by-location': 'url:https://github.com/nt-ai',
          'backstage.io/managed-by-origin-location':
            'url:https://github.com/nt-ai',
          'github.com/team-slug': 'nt-ai/sre-approvers',
        },
      },
      spec: {
        type: 'team',
        profile: { displayName: 'SRE approvers' },
        parent: 'sre',
        children: [],
      },
    });
    expect(
      byName(mutation, 'Group', 'platform-admins')?.spec,
    ).not.toHaveProperty('parent');
    expect(byName(mutation, 'User', 'octo-approver')).toMatchObject({
      metadata: {
        annotations: {
          'backstage.io/managed-by-location': 'url:https://github.com/nt-ai',
          'github.com/user-login': 'octo-approver',
          'github.com/user-id': '102',
        },
      },
      spec: {
        profile: {
          picture: 'https://avatars.githubusercontent.com/u/102?v=4',
        },
        memberOf: ['sre', 'sre-approvers'],
      },
    });
    expect(byName(mutation, 'User', 'octo-viewer')?.spec?.memberOf).toEqual([]);
    for (const e of mutation.entities) {
      expect(e.locationKey).toBe('nt-github-org:github.com/nt-ai');
    }
  });

  it('drops whoever left the organisation or a team at the next read', async () => {
    server.use(...githubOrgHandlers(NT_AI_ORG));
    const { provider, connection, mutations } = setup();
    await provider.connect(connection);
    await provider.refresh();

    const smaller: FakeOrg = {
      ...NT_AI_ORG,
      members: NT_AI_ORG.members.filter(m => m.login !== 'octo-admin'),
      teams: NT_AI_ORG.teams.map(t => ({
        ...t,
        members: t.members.filter(
          m =>
            m !== 'octo-admin' &&
            !(t.slug === 'sre-approvers' && m === 'octo-approver'),
        ),
      })),
    };
    server.resetHandlers(...githubOrgHandlers(smaller));
    await provider.refresh();

    expect(mutations).toHaveLength(2);
    expect(byName(mutations[1], 'User', 'octo-admin')).toBeUndefined();
    expect(
      byName(mutations[1], 'User', 'octo-approver')?.spec?.memberOf,
    ).toEqual(['sre']);
  });

  it('applies nothing when any page fails, keeping the last good snapshot', async () => {
    server.use(
      http.get(`${GITHUB_API}/orgs/nt-ai/teams`, ({ request }) =>
        new URL(request.url).searchParams.get('page') === '2'
          ? HttpResponse.json(
              { message: 'Server Error', status: '502' },
              { status: 502 },
            )
          : undefined,
      ),
      ...githubOrgHandlers(NT_AI_ORG, { pageSize: 2 }),
    );
    const { provider, connection, mutations, tasks, logger } = setup();
    await provider.connect(connection);
    await tasks[0].fn(new AbortController().signal);

    expect(mutations).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('users and groups unchanged'),
      expect.anything(),
    );
  });

  it('refuses to run before the catalog connects it', async () => {
    const { provider } = setup();
    await expect(provider.refresh()).rejects.toThrow(/not connected/);
  });
});

describe('GitHub organisation config', () => {
  it('is off without catalog.providers.githubOrg', () => {
    expect(readGithubOrgConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('names the key of an organisation that is not a GitHub login', () => {
    expect(() =>
      readGithubOrgConfig(
        new ConfigReader({
          catalog: {
            providers: { githubOrg: { org: 'https://github.com/x' } },
          },
        }),
      ),
    ).toThrow(/catalog\.providers\.githubOrg\.org/);
  });

  it('needs credentials for the host from integrations.github', () => {
    expect(() =>
      githubClientFactory(new ConfigReader({}), 'github.example.com', 'nt-ai'),
    ).toThrow(/No integrations\.github entry for host 'github\.example\.com'/);
  });
});
