import { Permission } from '@backstage/plugin-permission-common';
import {
  chaosApprovePermission,
  gitopsApprovePermission,
  haltPermission,
} from '@internal/plugin-nt-infra-common';
import { Role } from './roles';

/**
 * The least role a permission needs. nt-infra's own actions follow the
 * portal's guard rails: approving production chaos or GitOps change requests
 * and halting everything are for approvers; starting runs and opening change requests for
 * engineers; reading for every signed-in user. Other plugins' permissions
 * follow their action: reads for viewers, deletes for admins, the rest for
 * engineers.
 */
export function requiredRole(permission: Permission): Role {
  if (
    permission.name === chaosApprovePermission.name ||
    permission.name === gitopsApprovePermission.name ||
    permission.name === haltPermission.name
  ) {
    return 'approver';
  }
  switch (permission.attributes.action) {
    case undefined:
    case 'read':
      return 'viewer';
    case 'delete':
      return permission.name.startsWith('nt-infra.') ? 'approver' : 'admin';
    default:
      return 'engineer';
  }
}
