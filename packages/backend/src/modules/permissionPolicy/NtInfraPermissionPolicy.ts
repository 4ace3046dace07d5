import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { RESOURCE_TYPE_SCAFFOLDER_TASK } from '@backstage/plugin-scaffolder-common/alpha';
import { requiredRole } from './requiredRole';
import { resolveRole, roleRank, RoleBindings } from './roles';

/**
 * Role-based, deny-by-default policy: roles come from catalog users and
 * groups bound in config; what each permission needs comes from
 * PERMISSION_TABLE, and a permission the table does not know is denied.
 * Scaffolder tasks are the caller's own below admin: a task's log and
 * output carry what its author entered (a change request's reasons, links),
 * and cancelling someone else's task would stop their change half-made.
 */
export class NtInfraPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly bindings: RoleBindings,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const needed = requiredRole(request.permission);
    if (!user || needed === undefined) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const role = resolveRole(this.bindings, ownershipEntityRefs);
    const allowed = role !== undefined && roleRank(role) >= roleRank(needed);
    if (!allowed) return { result: AuthorizeResult.DENY };
    if (
      isResourcePermission(request.permission, RESOURCE_TYPE_SCAFFOLDER_TASK) &&
      roleRank(role) < roleRank('admin')
    ) {
      return createScaffolderTaskConditionalDecision(
        request.permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
