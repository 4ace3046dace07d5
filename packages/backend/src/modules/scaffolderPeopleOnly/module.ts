import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

/**
 * Software Templates are for people. Backstage lets every service principal
 * through the permission check unasked, so a service could otherwise list
 * tasks (with their parameters) or start a template, which then acts as
 * nobody in particular. This module refuses the scaffolder's API (`/v2`) to
 * anyone but a signed-in user, before the plugin's own permission checks; the
 * plumbing every plugin mounts (JWKS, permission integration) is untouched.
 * Modules initialise before their plugin, so this handler comes first.
 */
export const scaffolderPeopleOnlyModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'nt-infra-people-only',
  register(reg) {
    reg.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpAuth, httpRouter }) {
        const router = Router();
        router.use('/v2', async (req, _res, next) => {
          // AuthenticationError (401) without credentials, NotAllowedError
          // (403) for a service or any other non-user principal.
          await httpAuth.credentials(req, { allow: ['user'] });
          next();
        });
        httpRouter.use(router);
      },
    });
  },
});
