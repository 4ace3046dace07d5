import { Config } from '@backstage/config';

/** Roles are cumulative: each includes every right of the roles before it. */
export const ROLES = ['viewer', 'engineer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Which users or groups hold which role, from `permission.roles`. */
export interface RoleBindings {
  /** The role of any signed-in user who matches no binding. */
  defaultRole: Role | undefined;
  bindings: Array<{ role: Role; entityRefs: Set<string> }>;
}

function asRole(value: string, key: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid config '${key}': '${value}' is not one of ${ROLES.join(', ')}`,
    );
  }
  return value as Role;
}

export function readRoleBindings(config: Config): RoleBindings {
  const rolesConfig = config.getOptionalConfig('permission.roles');
  const defaultRole = config.getOptionalString('permission.defaultRole');
  return {
    defaultRole: defaultRole
      ? asRole(defaultRole, 'permission.defaultRole')
      : undefined,
    bindings: (rolesConfig?.keys() ?? []).map(role => ({
      role: asRole(role, `permission.roles.${role}`),
      entityRefs: new Set(
        rolesConfig!
          .getStringArray(role)
          .map(ref => ref.toLocaleLowerCase('en-US')),
      ),
    })),
  };
}

/**
 * The highest role bound to the user or to any group they belong to
 * (their ownership entity refs), else the default role.
 */
export function resolveRole(
  bindings: RoleBindings,
  ownershipEntityRefs: string[],
): Role | undefined {
  const refs = ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
  let best = bindings.defaultRole;
  for (const binding of bindings.bindings) {
    if (refs.some(ref => binding.entityRefs.has(ref))) {
      if (best === undefined || roleRank(binding.role) > roleRank(best)) {
        best = binding.role;
      }
    }
  }
  return best;
}
