import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ntInfraPermissions } from '@internal/plugin-nt-infra-common';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './router';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';

/**
 * The nt-infra backend plugin: regions, Traffic Manager state, chaos runs,
 * failover tests and GameDays behind server-side guard rails.
 *
 * @public
 */
export const ntInfraPlugin = createBackendPlugin({
  pluginId: 'nt-infra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(ntInfraPermissions);
        const environments = EnvironmentCatalog.fromConfig(config);
        const db = await migrateDatabase(database);
        const audit = new DatabaseAuditStore(db);

        httpRouter.use(
          await createRouter({ httpAuth, permissions, environments, audit }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
