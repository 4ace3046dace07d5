import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
  tracingServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { ntInfraPermissions } from '@internal/plugin-nt-infra-common';
import { AuditorAuditStore } from './database/AuditorAuditStore';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseRunStore } from './database/DatabaseRunStore';
import { migrateDatabase } from './database/migrateDatabase';
import { KubernetesClusterProvider } from './providers/clusters/KubernetesClusterProvider';
import { ResolverDnsProvider } from './providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from './providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from './providers/traffic/AzureTrafficProvider';
import { ReadDecisionCache } from './permissions/ReadDecisionCache';
import { createRouter } from './router';
import { trackRequestAudits } from './routes/refusalAudit';
import { readServiceEnvironments } from './routes/serviceEnvironments';
import { registerNtInfraActions } from './actions';
import { createAuthorizer } from './routes/authorizer';
import { MeteredAuditStore, RunTelemetry } from './services/telemetry';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';
import { ExperimentLibrary } from './services/ExperimentLibrary';
import { ChaosRunHandler } from './services/chaosRuns/ChaosRunHandler';
import { ChaosRunService } from './services/chaosRuns/ChaosRunService';
import { clusterBlastRadius } from './services/chaos/clusterBlastRadius';
import {
  FailoverRunHandler,
  FailoverRunService,
} from './services/failoverRuns';
import { BudgetCostEstimator } from './services/budgetCost';
import { HaltService } from './services/halt/HaltService';
import { RunCommands } from './services/runs/RunCommands';
import { RunReconciler } from './services/runs/RunReconciler';
import { windowPort } from './services/windows';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  HealthService,
  metricsErrorBudget,
  SliSeriesService,
} from './services/health';
import { RunPolicy } from './services/policy';
import { DatabaseChangeRequestStore } from './database/DatabaseChangeRequestStore';
import { UpstreamCache } from './services/UpstreamCache';
import {
  createDelivery,
  createGameDays,
  createGitOps,
  createResilience,
  createSchedules,
  createWindows,
} from './capabilities';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  SignallingChangeRequestStore,
  SignallingRunStore,
  SignallingHaltStore,
  SignalPublisher,
} from './signals';
import { resolveRepoRoot } from './services/repository/resolveRepoRoot';
import { serviceStarters } from './services/schedules/startScheduledRun';
import { readNtInfraSettings } from './settings';

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
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        meters: metricsServiceRef,
        tracing: tracingServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        userInfo: coreServices.userInfo,
      },
      async init({
        actionsRegistry,
        auditor,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        meters,
        tracing,
        notifications,
        signals,
        userInfo,
      }) {
        permissionsRegistry.addPermissions(ntInfraPermissions);
        const environments = EnvironmentCatalog.fromConfig(config);
        const db = await migrateDatabase(database);
        const telemetry = RunTelemetry.create({ tracing, metrics: meters });
        const audit = trackRequestAudits(
          new MeteredAuditStore(
            new AuditorAuditStore(new DatabaseAuditStore(db), auditor),
            telemetry,
          ),
        );

        const settings = readNtInfraSettings(config);
        const { refreshMs, workloadNamespace } = settings;
        const cache = new UpstreamCache({ refreshMs });
        const metrics = PrometheusMetricsProvider.fromConfig(config, {
          logger,
        });
        const clusters = KubernetesClusterProvider.fromConfig(config, {
          logger,
        });
        // Shared by the health views and failover tests: one client per world.
        const traffic = AzureTrafficProvider.fromConfig(config, { logger });
        const dns = ResolverDnsProvider.fromConfig(config, { logger });
        // Every run, window, change-request and halt change is published from its store.
        const publisher = new SignalPublisher(signals, logger);
        const haltStore = new SignallingHaltStore(db, publisher);
        const runs = new SignallingRunStore(
          new DatabaseRunStore(db),
          publisher,
        );
        const halt = new HaltService({
          store: haltStore,
          clusters,
          audit,
          logger,
        });
        const { budgetWindow, thresholds } = settings.slo;
        const health = new HealthService({
          environments,
          cache,
          metrics,
          traffic,
          clusters,
          dns,
          workloadNamespace,
          budgetWindow,
          thresholds,
        });
        const sliSeries = new SliSeriesService({
          environments,
          metrics,
          cache,
        });
        const repoRoot = resolveRepoRoot(settings.repositoryRoot);
        const experiments = ExperimentLibrary.create({
          repoRoot,
          refreshMs: Math.max(refreshMs, 30_000),
        });

        const policySettings = settings.policy;
        const windows = createWindows({
          db,
          publisher,
          productionMaxFraction: policySettings.productionMaxFraction,
          experiments,
          notifications,
          config,
          audit,
          logger,
        });
        const errorBudget = metricsErrorBudget({
          metrics,
          environments,
          budgetWindow,
        });
        // One policy for every run kind, at request, at start and on every tick.
        const policy = new RunPolicy({
          settings: policySettings,
          windows: windowPort(windows),
          errorBudget,
          halt: haltStore,
          blastRadius: clusterBlastRadius(clusters),
          audit,
        });
        const chaos = new ChaosRunService({
          environments,
          experiments,
          runs,
          audit,
          policy,
        });
        const failover = new FailoverRunService({
          environments,
          traffic,
          runs,
          audit,
          policy,
          settings: settings.failover,
          workloadNamespace,
        });
        // The same budget reading as the policy's gate, before a drill starts.
        const budgetCost = new BudgetCostEstimator({
          environments,
          traffic,
          metrics,
          errorBudget,
          failover: settings.failover,
          slo: { objective: thresholds.objective, budgetWindow },
        });
        const gamedays = createGameDays({
          runs,
          chaos,
          budgetCost,
          startFailover: (request, requestedBy, key) =>
            failover.start(request, requestedBy, key),
          abortFailover: (id, actor, reason) =>
            failover.abort(id, actor, reason),
          experiments,
          metrics,
          policy,
          audit,
          regionDisplayName: (environment, region) =>
            environments.regionDisplayName(environment, region),
          logger,
          repoRoot,
          userInfo,
        });
        const reconciler = new RunReconciler({
          runs,
          halt: haltStore,
          policy,
          logger,
          handlers: [
            new ChaosRunHandler({ clusters, metrics, logger, audit }),
            new FailoverRunHandler({
              traffic,
              dns,
              metrics,
              clusters,
              runs,
              logger,
            }),
            gamedays.handler,
          ],
          leaseMs: settings.runs.leaseMs,
          telemetry,
        });
        // A replica that stops on purpose (a rollout) hands its runs over at once.
        lifecycle.addShutdownHook(() => reconciler.release());
        // Local scope: every replica reconciles; leases keep runs single-driven.
        await scheduler.scheduleTask({
          id: 'nt-infra-run-reconciler',
          scope: 'local',
          frequency: { milliseconds: settings.runs.tickMs },
          timeout: { minutes: 1 },
          fn: async () => {
            await reconciler.tick();
            await windows.expireDue();
            if ((await haltStore.get()).engaged) {
              // Faults created by a run that raced the switch go too.
              await halt.sweep();
            }
          },
        });

        const gitops = await createGitOps({
          config,
          logger,
          audit,
          db,
          store: new SignallingChangeRequestStore(
            new DatabaseChangeRequestStore(db),
            publisher,
          ),
          repoRoot,
        });
        const delivery = createDelivery({
          config,
          logger,
          repoRoot,
          gitops: gitops.service,
          targets: () =>
            environments.list().flatMap(e =>
              e.regions.map(r => ({
                environment: e.name,
                region: r.name,
                trafficManagerProfile: e.trafficManager.profileName,
              })),
            ),
        });

        const resilience = createResilience({
          catalog,
          runs,
          environments,
          failover: settings.failover,
        });

        await createSchedules({
          config,
          scheduler,
          logger,
          starters: serviceStarters({
            chaos,
            failover,
            gamedays: gamedays.service,
          }),
        });

        const serviceEnvironments = readServiceEnvironments(config);
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            // A person's reads of the views reuse the policy's answer for one
            // refresh interval; see ReadDecisionCache for the revocation bound.
            permissions: new ReadDecisionCache({
              permissions,
              userInfo,
              ttlMs: refreshMs,
            }),
            health,
            sliSeries,
            experiments,
            audit,
            runs,
            halt,
            chaos,
            windows,
            failover,
            budgetCost,
            previewLimit: settings.previews,
            commands: new RunCommands({
              runs,
              stops: [
                { kind: 'chaos', stop: (id, a, r) => chaos.stop(id, a, r) },
                {
                  kind: 'failover',
                  stop: (id, a, r) => failover.abort(id, a, r),
                },
                {
                  kind: 'gameday',
                  stop: (id, a, r) => gamedays.service.abort(id, a, r),
                },
              ],
            }),
            modules: [gitops, gamedays, delivery, resilience],
            serviceEnvironments,
          }),
        );
        // The router checks credentials itself (routes/refusalAudit), the
        // same way Backstage's barrier does, so that its 401s are audited.
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        // The same services, permission checks and audit trail as the routes.
        registerNtInfraActions({
          registry: actionsRegistry,
          auth: createAuthorizer({
            httpAuth,
            permissions,
            audit,
            serviceEnvironments,
          }),
          audit,
          health,
          experiments,
          chaos,
          failover,
          windows,
          runs,
          gamedays: gamedays.service,
          resilience: resilience.service,
        });
      },
    });
  },
});
