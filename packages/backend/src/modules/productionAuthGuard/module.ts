import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { developmentProvidersInProduction } from './developmentProviders';

/**
 * Refuses to start the auth plugin, and with it the backend, when a
 * production config still carries a development sign-in provider. The guest
 * provider also checks NODE_ENV, but a config mistake must not rest on an
 * environment variable being right.
 */
export const productionAuthGuardModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'nt-infra-production-guard',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig },
      async init({ config }) {
        const keys = developmentProvidersInProduction(config);
        if (keys.length > 0) {
          throw new Error(
            `Refusing to start: auth.environment is 'production' and development sign-in is configured at ${keys.join(
              ', ',
            )}; remove it from the production config`,
          );
        }
      },
    });
  },
});
