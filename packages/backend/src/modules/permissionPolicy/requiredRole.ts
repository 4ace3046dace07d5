import { Permission } from '@backstage/plugin-permission-common';
import { PERMISSION_TABLE } from './permissionTable';
import { Role } from './roles';

/**
 * The least role a permission needs, or undefined when the permission is not
 * in the table: unknown permissions are denied, never guessed from their
 * action (a permission without one, like kubernetes.proxy, is not a read).
 */
export function requiredRole(permission: Permission): Role | undefined {
  return Object.prototype.hasOwnProperty.call(PERMISSION_TABLE, permission.name)
    ? PERMISSION_TABLE[permission.name]
    : undefined;
}
