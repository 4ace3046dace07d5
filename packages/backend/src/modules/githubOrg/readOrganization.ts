import { Octokit } from '@octokit/rest';

export interface OrgMember {
  login: string;
  id: number;
  avatarUrl?: string;
}

export interface OrgTeam {
  slug: string;
  name: string;
  description?: string;
  parentSlug?: string;
  memberLogins: string[];
}

export interface OrgSnapshot {
  members: OrgMember[];
  teams: OrgTeam[];
}

/**
 * The organisation's members and teams (with each team's direct members),
 * every page of each list. Any failed request fails the whole read: a
 * partial snapshot applied as a full mutation would delete people.
 */
export async function readOrganization(
  octokit: Octokit,
  org: string,
): Promise<OrgSnapshot> {
  const members = await octokit.paginate(octokit.rest.orgs.listMembers, {
    org,
    per_page: 100,
  });
  const teams = await octokit.paginate(octokit.rest.teams.list, {
    org,
    per_page: 100,
  });
  const result: OrgTeam[] = [];
  for (const team of teams) {
    const teamMembers = await octokit.paginate(
      octokit.rest.teams.listMembersInOrg,
      { org, team_slug: team.slug, per_page: 100 },
    );
    result.push({
      slug: team.slug,
      name: team.name,
      description: team.description ?? undefined,
      parentSlug: team.parent?.slug ?? undefined,
      memberLogins: teamMembers.map(m => m.login),
    });
  }
  return {
    members: members.map(m => ({
      login: m.login,
      id: m.id,
      avatarUrl: m.avatar_url || undefined,
    })),
    teams: result,
  };
}
