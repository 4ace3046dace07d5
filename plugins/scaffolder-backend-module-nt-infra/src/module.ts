import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGitOpsChangeAction } from './gitopsChangeAction';

/**
 * nt-infra's Software Template actions, registered with the scaffolder.
 * They run inside the scaffolder plugin and reach nt-infra only through its
 * HTTP API with the template user's credentials, like any other plugin.
 *
 * @public
 */
export const scaffolderModuleNtInfra = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'nt-infra',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        scaffolder.addActions(
          createGitOpsChangeAction({
            auth,
            discovery,
            portalBaseUrl:
              config.getOptionalString('app.baseUrl') ??
              'http://localhost:3000',
          }),
        );
      },
    });
  },
});
