import { http, HttpResponse } from 'msw';

/**
 * An organisation as GitHub's REST API serves it (the payload shapes of
 * `GET /orgs/{org}/members`, `/orgs/{org}/teams`,
 * `/orgs/{org}/teams/{slug}/members` and `/orgs/{org}/members/{username}`),
 * paginated with `Link` headers at `pageSize` items, for msw.
 */
export interface FakeOrg {
  org: string;
  members: Array<{ login: string; id: number }>;
  teams: Array<{
    slug: string;
    name: string;
    parent?: string;
    members: string[];
  }>;
}

export const GITHUB_API = 'https://api.github.com';

function simpleUser(login: string, id: number) {
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${GITHUB_API}/users/${login}`,
    html_url: `https://github.com/${login}`,
    followers_url: `${GITHUB_API}/users/${login}/followers`,
    organizations_url: `${GITHUB_API}/users/${login}/orgs`,
    repos_url: `${GITHUB_API}/users/${login}/repos`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

function teamPayload(org: FakeOrg, slug: string, withParent = true): object {
  const index = org.teams.findIndex(t => t.slug === slug);
  const team = org.teams[index];
  const id = 1000 + index;
  const parent = team.parent && withParent ? team.parent : undefined;
  return {
    id,
    node_id: Buffer.from(`04:Team${id}`).toString('base64'),
    url: `${GITHUB_API}/organizations/9919/team/${id}`,
    html_url: `https://github.com/orgs/${org.org}/teams/${slug}`,
    name: team.name,
    slug,
    description: `${team.name} team`,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${GITHUB_API}/organizations/9919/team/${id}/members{/member}`,
    repositories_url: `${GITHUB_API}/organizations/9919/team/${id}/repos`,
    // GitHub nests the parent as a team without its own parent.
    parent: parent ? teamPayload(org, parent, false) : null,
  };
}

/** One page of `items` and the Link header GitHub sends with it. */
function page(request: Request, items: unknown[], pageSize: number) {
  const url = new URL(request.url);
  const perPage = Math.min(
    Number(url.searchParams.get('per_page') ?? 30),
    pageSize,
  );
  const number = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const next = new URL(url);
    next.searchParams.set('page', String(n));
    next.searchParams.set('per_page', String(perPage));
    return next.toString();
  };
  const links: string[] = [];
  if (number < last) {
    links.push(`<${at(number + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  }
  if (number > 1) {
    links.push(`<${at(1)}>; rel="first"`, `<${at(number - 1)}>; rel="prev"`);
  }
  return HttpResponse.json(
    items.slice((number - 1) * perPage, number * perPage),
    { headers: links.length ? { link: links.join(', ') } : {} },
  );
}

export interface FakeOrgCalls {
  paths: string[];
  authorizations: string[];
}

/** msw handlers serving `org`; `calls` records what was asked. */
export function githubOrgHandlers(
  org: FakeOrg,
  options: { pageSize?: number; calls?: FakeOrgCalls } = {},
) {
  const pageSize = options.pageSize ?? 100;
  const base = `${GITHUB_API}/orgs/${org.org}`;
  const record = (request: Request) => {
    const url = new URL(request.url);
    options.calls?.paths.push(`${url.pathname}${url.search}`);
    options.calls?.authorizations.push(
      request.headers.get('authorization') ?? '',
    );
  };
  const idOf = (login: string) =>
    org.members.find(m => m.login === login)?.id ?? 0;
  return [
    http.get(`${base}/members`, ({ request }) => {
      record(request);
      return page(
        request,
        org.members.map(m => simpleUser(m.login, m.id)),
        pageSize,
      );
    }),
    http.get(`${base}/members/:username`, ({ request, params }) => {
      record(request);
      const member = org.members.some(
        m => m.login.toLowerCase() === String(params.username).toLowerCase(),
      );
      return member
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json(
            {
              message:
                'User does not exist or is not a member of the organization',
              documentation_url:
                'https://docs.github.com/rest/orgs/members#check-organization-membership-for-a-user',
              status: '404',
            },
            { status: 404 },
          );
    }),
    http.get(`${base}/teams`, ({ request }) => {
      record(request);
      return page(
        request,
        org.teams.map(t => teamPayload(org, t.slug)),
        pageSize,
      );
    }),
    http.get(`${base}/teams/:slug/members`, ({ request, params }) => {
      record(request);
      const team = org.teams.find(t => t.slug === params.slug);
      if (!team) {
        return HttpResponse.json(
          {
            message: 'Not Found',
            documentation_url:
              'https://docs.github.com/rest/teams/members#list-team-members',
            status: '404',
          },
          { status: 404 },
        );
      }
      return page(
        request,
        team.members.map(login => simpleUser(login, idOf(login))),
        pageSize,
      );
    }),
  ];
}

/** A small organisation: a parent team, a child team, and a non-team member. */
export const NT_AI_ORG: FakeOrg = {
  org: 'nt-ai',
  members: [
    { login: 'octo-sre', id: 101 },
    { login: 'octo-approver', id: 102 },
    { login: 'octo-admin', id: 103 },
    { login: 'octo-viewer', id: 104 },
    { login: 'Mixed-Case', id: 105 },
  ],
  teams: [
    {
      slug: 'platform-admins',
      name: 'Platform admins',
      members: ['octo-admin'],
    },
    {
      slug: 'sre',
      name: 'SRE',
      parent: 'platform-admins',
      members: ['octo-sre', 'octo-approver', 'Mixed-Case'],
    },
    {
      slug: 'sre-approvers',
      name: 'SRE approvers',
      parent: 'sre',
      members: ['octo-approver'],
    },
  ],
};
