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

/** Role-based policy: roles come from catalog users and groups bound in config. */
export class NtInfraPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly bindings: RoleBindings,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const role = resolveRole(this.bindings, ownershipEntityRefs);
    const needed = requiredRole(request.permission);
    const allowed = role !== undefined && roleRank(role) >= roleRank(needed);
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
