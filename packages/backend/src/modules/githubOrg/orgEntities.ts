import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  GroupEntity,
  makeValidator,
  UserEntity,
} from '@backstage/catalog-model';
import { OrgSnapshot } from './readOrganization';

/** Annotations the sign-in resolver matches GitHub identities by. */
export const USER_ID_ANNOTATION = 'github.com/user-id';
export const USER_LOGIN_ANNOTATION = 'github.com/user-login';
export const TEAM_SLUG_ANNOTATION = 'github.com/team-slug';

export interface OrgEntities {
  users: UserEntity[];
  groups: GroupEntity[];
  /** What was left out and why (names the catalog would reject). */
  skipped: string[];
}

const validator = makeValidator();

/**
 * The catalog's view of an organisation: a `Group` per team (its parent team
 * as `parent`) and a `User` per member, `memberOf` the teams they are direct
 * members of. Names are the GitHub login and team slug, so role bindings
 * read `group:default/<team-slug>`.
 */
export function orgEntities(
  snapshot: OrgSnapshot,
  org: string,
  locationRef: string,
): OrgEntities {
  const skipped: string[] = [];
  const annotations = {
    [ANNOTATION_LOCATION]: locationRef,
    [ANNOTATION_ORIGIN_LOCATION]: locationRef,
  };
  const teams = snapshot.teams.filter(team => {
    if (validator.isValidEntityName(team.slug)) return true;
    skipped.push(`team '${team.slug}': not a valid entity name`);
    return false;
  });
  const slugs = new Set(teams.map(t => t.slug));
  const teamsOf = new Map<string, string[]>();
  for (const team of teams) {
    for (const login of team.memberLogins) {
      teamsOf.set(login, [...(teamsOf.get(login) ?? []), team.slug]);
    }
  }

  const groups: GroupEntity[] = teams.map(team => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: team.slug,
      ...(team.description ? { description: team.description } : {}),
      annotations: {
        ...annotations,
        [TEAM_SLUG_ANNOTATION]: `${org}/${team.slug}`,
      },
    },
    spec: {
      type: 'team',
      profile: { displayName: team.name },
      ...(team.parentSlug && slugs.has(team.parentSlug)
        ? { parent: team.parentSlug }
        : {}),
      children: [],
    },
  }));

  const users: UserEntity[] = [];
  for (const member of snapshot.members) {
    if (!validator.isValidEntityName(member.login)) {
      skipped.push(`member '${member.login}': not a valid entity name`);
      continue;
    }
    users.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: member.login,
        annotations: {
          ...annotations,
          [USER_LOGIN_ANNOTATION]: member.login,
          [USER_ID_ANNOTATION]: String(member.id),
        },
      },
      spec: {
        profile: {
          displayName: member.login,
          ...(member.avatarUrl ? { picture: member.avatarUrl } : {}),
        },
        memberOf: [...(teamsOf.get(member.login) ?? [])].sort(),
      },
    });
  }
  return { users, groups, skipped };
}
