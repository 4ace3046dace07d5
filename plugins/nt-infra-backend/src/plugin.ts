import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
  tracingServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  BurnRateWindow,
  FAILOVER_TEST_EXPERIMENT,
  ntInfraPermissions,
} from '@internal/plugin-nt-infra-common';
import { AuditorAuditStore } from './database/AuditorAuditStore';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseRunStore } from './database/DatabaseRunStore';
import { HaltStore } from './database/HaltStore';
import { migrateDatabase } from './database/migrateDatabase';
import { KubernetesClusterProvider } from './providers/clusters/KubernetesClusterProvider';
import { ResolverDnsProvider } from './providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from './providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from './providers/traffic/AzureTrafficProvider';
import { ReadDecisionCache } from './permissions/ReadDecisionCache';
import { createRouter } from './router';
import { registerNtInfraActions } from './actions';
import { createAuthorizer } from './routes/authorizer';
import { MeteredAuditStore, RunTelemetry } from './services/telemetry';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';
import { ExperimentLibrary } from './services/ExperimentLibrary';
import { ChaosRunHandler } from './services/chaosRuns/ChaosRunHandler';
import { ChaosRunService } from './services/chaosRuns/ChaosRunService';
import {
  FailoverRunHandler,
  FailoverRunService,
  readFailoverSettings,
} from './services/failoverRuns';
import { HaltService } from './services/halt/HaltService';
import { RunReconciler } from './services/runs/RunReconciler';
import { createWindowNotifier } from './services/notify/windowNotifier';
import { DatabaseWindowStore, WindowService } from './services/windows';
import { notificationService } from '@backstage/plugin-notifications-node';
import { HealthService, SliSeriesService } from './services/health';
import { DEFAULT_THRESHOLDS } from './services/health/regionVerdict';
import { UpstreamCache } from './services/UpstreamCache';
import { readSchedules } from './services/schedules/readSchedules';
import { createGitOps } from './services/gitops';
import { createDelivery } from './services/delivery';
import { createGameDays } from './services/gamedays';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  SignallingChangeRequestStore,
  SignallingRunStore,
  SignallingWindowStore,
  SignalPublisher,
} from './signals';
import { resolveRepoRoot } from './services/repository/resolveRepoRoot';
import {
  SCHEDULER_ACTOR,
  startScheduledRun,
} from './services/schedules/startScheduledRun';

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
        const audit = new MeteredAuditStore(
          new AuditorAuditStore(new DatabaseAuditStore(db), auditor),
          telemetry,
        );

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
        // Shared by the health views and failover tests: one client per world.
        const traffic = AzureTrafficProvider.fromConfig(config, { logger });
        const dns = ResolverDnsProvider.fromConfig(config, { logger });
        const workloadNamespace =
          config.getOptionalString('ntInfra.workloadNamespace') ?? 'ntai';
        const haltStore = new HaltStore(db);
        // Every run, window and change-request change is published from its store.
        const publisher = new SignalPublisher(signals, logger);
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
        const health = new HealthService({
          environments,
          cache,
          metrics,
          traffic,
          clusters,
          dns,
          workloadNamespace,
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
        const repoRoot = resolveRepoRoot(
          config.getOptionalString('ntInfra.repository.root'),
        );
        const experiments = ExperimentLibrary.create({
          repoRoot,
          refreshMs: Math.max(refreshMs, 30_000),
        });

        const windows = WindowService.create({
          store: new SignallingWindowStore(
            DatabaseWindowStore.create({ db }),
            publisher,
          ),
          audit,
          logger,
          knownExperiments: async () =>
            new Set([
              ...(await experiments.list()).items
                .filter(e => e.environment === 'production')
                .map(e => e.id),
              FAILOVER_TEST_EXPERIMENT,
            ]),
          notify: createWindowNotifier({ notifications, config }),
        });
        const chaos = new ChaosRunService({
          environments,
          experiments,
          clusters,
          health,
          runs,
          halt: haltStore,
          audit,
          findWindow: async proposal => {
            if (!proposal.experimentId) return undefined;
            const window = await windows.findCoveringWindow({
              environment: proposal.environment,
              experiment: proposal.experimentId,
              regions: proposal.regions,
              at: new Date(),
            });
            return (
              window && {
                id: window.id,
                maxFraction: window.limits.maxFraction,
                stopConditions: window.limits.stopConditions,
                endsAt: window.endsAt,
              }
            );
          },
          productionMaxFraction:
            config.getOptionalNumber('ntInfra.runs.productionMaxFraction') ??
            0.1,
          productionMaxDurationSeconds:
            config.getOptionalNumber(
              'ntInfra.runs.productionMaxDurationSeconds',
            ) ?? 3600,
        });
        const failover = new FailoverRunService({
          environments,
          traffic,
          runs,
          halt: haltStore,
          audit,
          settings: readFailoverSettings(config),
          workloadNamespace,
          findWindow: query => windows.findCoveringWindow(query),
        });
        const gamedays = createGameDays({
          runs,
          chaos,
          startFailover: (request, requestedBy, key) =>
            failover.start(request, requestedBy, key),
          experiments,
          metrics,
          halt: haltStore,
          audit,
          logger,
          repoRoot,
          userInfo,
        });
        const reconciler = new RunReconciler({
          runs,
          halt: haltStore,
          logger,
          handlers: [
            new ChaosRunHandler({ clusters, metrics, logger }),
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
          leaseMs:
            (config.getOptionalNumber('ntInfra.runs.leaseSeconds') ?? 30) *
            1000,
          telemetry,
        });
        // A replica that stops on purpose (a rollout) hands its runs over at once.
        lifecycle.addShutdownHook(() => reconciler.release());
        const tickSeconds =
          config.getOptionalNumber('ntInfra.runs.tickSeconds') ?? 1;
        // Local scope: every replica reconciles; leases keep runs single-driven.
        await scheduler.scheduleTask({
          id: 'nt-infra-run-reconciler',
          scope: 'local',
          frequency: { milliseconds: tickSeconds * 1000 },
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
          store: new SignallingChangeRequestStore(db, publisher),
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

        // Configured schedules go through the same services and policy as people do.
        for (const schedule of readSchedules(config)) {
          await scheduler.scheduleTask({
            id: `nt-infra-schedule-${schedule.id}`,
            scope: 'global',
            frequency: { cron: schedule.cron },
            timeout: { minutes: 5 },
            fn: async () => {
              await startScheduledRun(
                schedule,
                new Date(),
                {
                  chaos: (s, key) =>
                    chaos.start(
                      {
                        environment: s.environment,
                        regions: s.regions,
                        experimentId: s.experimentId,
                        title: `Scheduled: ${s.id}`,
                      },
                      SCHEDULER_ACTOR,
                      key,
                    ),
                  gameday: (s, key) =>
                    gamedays.service.start(
                      { scenario: s.scenario!, environment: s.environment },
                      SCHEDULER_ACTOR,
                      key,
                    ),
                  failover: (s, key) =>
                    failover.start(
                      {
                        environment: s.environment,
                        fromRegion: s.fromRegion!,
                        method: 'disable-endpoint',
                      },
                      SCHEDULER_ACTOR,
                      key,
                    ),
                },
                logger,
              );
            },
          });
        }

        httpRouter.use(
          await createRouter({
            httpAuth,
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
            modules: [gitops, gamedays, delivery],
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // The same services, permission checks and audit trail as the routes.
        registerNtInfraActions({
          registry: actionsRegistry,
          auth: createAuthorizer({ httpAuth, permissions, audit }),
          audit,
          health,
          experiments,
          chaos,
          failover,
          windows,
          runs,
          gamedays: gamedays.service,
        });
      },
    });
  },
});
