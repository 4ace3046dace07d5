import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { NtInfraPermissionPolicy } from './NtInfraPermissionPolicy';
import { readRoleBindings } from './roles';

/** Installs the role-based permission policy (see `permission.roles` in app-config). */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'nt-infra-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new NtInfraPermissionPolicy(readRoleBindings(config), userInfo),
        );
      },
    });
  },
});
