import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  BurnRateWindow,
  ntInfraPermissions,
} from '@internal/plugin-nt-infra-common';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseRunStore } from './database/DatabaseRunStore';
import { HaltStore } from './database/HaltStore';
import { migrateDatabase } from './database/migrateDatabase';
import { KubernetesClusterProvider } from './providers/clusters/KubernetesClusterProvider';
import { ResolverDnsProvider } from './providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from './providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from './providers/traffic/AzureTrafficProvider';
import { createRouter } from './router';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';
import { ExperimentLibrary } from './services/ExperimentLibrary';
import { HaltService } from './services/halt/HaltService';
import { HealthService, SliSeriesService } from './services/health';
import { DEFAULT_THRESHOLDS } from './services/health/regionVerdict';
import { UpstreamCache } from './services/UpstreamCache';

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
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(ntInfraPermissions);
        const environments = EnvironmentCatalog.fromConfig(config);
        const db = await migrateDatabase(database);
        const audit = new DatabaseAuditStore(db);

        const refreshMs =
          (config.getOptionalNumber('ntInfra.refreshIntervalSeconds') ?? 5) *
          1000;
        const cache = new UpstreamCache({ refreshMs });
        const metrics = PrometheusMetricsProvider.fromConfig(config, {
          logger,
        });
        const clusters = KubernetesClusterProvider.fromConfig(config, {
          logger,
        });
        const halt = new HaltService({
          store: new HaltStore(db),
          clusters,
          audit,
          logger,
        });
        const health = new HealthService({
          environments,
          cache,
          metrics,
          traffic: AzureTrafficProvider.fromConfig(config, { logger }),
          clusters,
          dns: ResolverDnsProvider.fromConfig(config, { logger }),
          workloadNamespace:
            config.getOptionalString('ntInfra.workloadNamespace') ?? 'ntai',
          budgetWindow: (config.getOptionalString('ntInfra.slo.budgetWindow') ??
            '3d') as BurnRateWindow,
          thresholds: {
            ...DEFAULT_THRESHOLDS,
            objective:
              config.getOptionalNumber('ntInfra.slo.objective') ??
              DEFAULT_THRESHOLDS.objective,
          },
        });
        const sliSeries = new SliSeriesService({
          environments,
          metrics,
          cache,
        });
        const experiments = ExperimentLibrary.create({
          repoRoot: config.getOptionalString('ntInfra.repository.root'),
          refreshMs: Math.max(refreshMs, 30_000),
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            health,
            sliSeries,
            experiments,
            audit,
            runs: new DatabaseRunStore(db),
            halt,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
