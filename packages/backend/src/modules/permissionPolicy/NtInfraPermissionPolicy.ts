import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { requiredRole } from './requiredRole';
import { resolveRole, roleRank, RoleBindings } from './roles';

/**
 * Role-based, deny-by-default policy: roles come from catalog users and
 * groups bound in config; what each permission needs comes from
 * PERMISSION_TABLE, and a permission the table does not know is denied.
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
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
