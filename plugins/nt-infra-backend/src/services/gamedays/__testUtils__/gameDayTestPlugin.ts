import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { PreviewGate } from '../../../routes/previewRateLimit';
import { BudgetCostEstimator } from '../../budgetCost';
import { NotFoundError } from '@backstage/errors';
import { runReadPermission } from '@internal/plugin-nt-infra-common';
import express from 'express';
import Router from 'express-promise-router';
import { DatabaseAuditStore } from '../../../database/DatabaseAuditStore';
import { DatabaseRunStore } from '../../../database/DatabaseRunStore';
import { HaltStore } from '../../../database/HaltStore';
import { migrateDatabase } from '../../../database/migrateDatabase';
import { KubernetesClusterProvider } from '../../../providers/clusters/KubernetesClusterProvider';
import { ResolverDnsProvider } from '../../../providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from '../../../providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from '../../../providers/traffic/AzureTrafficProvider';
import { createAuthorizer } from '../../../routes/authorizer';
import { parse, runParams } from '../../../schema/requests';
import { ChaosRunHandler } from '../../chaosRuns/ChaosRunHandler';
import { ChaosRunService } from '../../chaosRuns/ChaosRunService';
import { clusterBlastRadius } from '../../chaos/clusterBlastRadius';
import { EnvironmentCatalog } from '../../EnvironmentCatalog';
import {
  FailoverRunHandler,
  FailoverRunService,
  readFailoverSettings,
} from '../../failoverRuns';
import { ExperimentLibrary } from '../../ExperimentLibrary';
import { metricsErrorBudget } from '../../health';
import { readRunPolicySettings, RunPolicy } from '../../policy';
import { RunReconciler } from '../../runs/RunReconciler';
import { createGameDays, GameDays } from '../../../capabilities/createGameDays';
import { SignalsService } from '@backstage/plugin-signals-node';
import { SignallingRunStore, SignalPublisher } from '../../../signals';
import { StartFailover } from '../types';

/** What a test reaches behind the HTTP API (restart replays, halt). */
export interface GameDayTestContext {
  runs?: DatabaseRunStore;
  halt?: HaltStore;
  chaos?: ChaosRunService;
  gamedays?: GameDays;
  options?: Parameters<typeof createGameDays>[0];
}

/**
 * The nt-infra plugin wired as plugin.ts wires it, reduced to what GameDays
 * use: the real stores, providers, chaos and failover services and handlers,
 * the GameDay factory, a reconciler on the real scheduler, `GET /runs/:id`
 * and the GameDay routes (no windows: the tests run in staging).
 */
export function gameDayTestPlugin(options: {
  repoRoot: string;
  signals?: Pick<SignalsService, 'publish'>;
  context: GameDayTestContext;
}) {
  return createBackendPlugin({
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
          scheduler: coreServices.scheduler,
        },
        async init(deps) {
          const { config, database, httpAuth, httpRouter, logger } = deps;
          const db = await migrateDatabase(database);
          const audit = new DatabaseAuditStore(db);
          const runs = options.signals
            ? new SignallingRunStore(
                new DatabaseRunStore(db),
                new SignalPublisher(options.signals, logger),
              )
            : new DatabaseRunStore(db);
          const halt = new HaltStore(db);
          const environments = EnvironmentCatalog.fromConfig(config);
          const metrics = PrometheusMetricsProvider.fromConfig(config, {
            logger,
          });
          const clusters = KubernetesClusterProvider.fromConfig(config, {
            logger,
          });
          const traffic = AzureTrafficProvider.fromConfig(config, { logger });
          const dns = ResolverDnsProvider.fromConfig(config, { logger });
          const errorBudget = metricsErrorBudget({
            metrics,
            environments,
            budgetWindow: '30d',
          });
          const policy = new RunPolicy({
            settings: readRunPolicySettings(config),
            windows: { findCovering: async () => undefined },
            errorBudget,
            halt,
            blastRadius: clusterBlastRadius(clusters),
            audit,
          });
          const experiments = ExperimentLibrary.create({ refreshMs: 60_000 });
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
            settings: readFailoverSettings(config),
            workloadNamespace: 'ntai',
          });
          const startFailover: StartFailover = (request, requestedBy, key) =>
            failover.start(request, requestedBy, key);
          const gameDayOptions = {
            runs,
            chaos,
            budgetCost: new BudgetCostEstimator({
              environments,
              traffic,
              metrics,
              errorBudget,
              failover: readFailoverSettings(config),
              slo: { objective: 0.999, budgetWindow: '30d' },
            }),
            startFailover,
            abortFailover: (id: string, actor: string, reason: string) =>
              failover.abort(id, actor, reason),
            experiments,
            metrics,
            policy,
            audit,
            regionDisplayName: (environment: string, region: string) =>
              environments.regionDisplayName(environment, region),
            logger,
            repoRoot: options.repoRoot,
            scenariosRefreshMs: 0,
          };
          const gamedays = createGameDays(gameDayOptions);
          Object.assign(options.context, {
            runs,
            halt,
            chaos,
            gamedays,
            options: gameDayOptions,
          });
          const reconciler = new RunReconciler({
            runs,
            halt,
            policy,
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
            leaseMs: 5000,
          });
          await deps.scheduler.scheduleTask({
            id: 'nt-infra-run-reconciler',
            scope: 'local',
            frequency: { milliseconds: 200 },
            timeout: { minutes: 1 },
            fn: async () => {
              await reconciler.tick();
            },
          });

          const router = Router();
          router.use(express.json({ limit: '256kb' }));
          const auth = createAuthorizer({
            httpAuth,
            permissions: deps.permissions,
            audit,
          });
          router.get('/runs/:id', async (req, res) => {
            const { id } = parse(runParams, req.params, 'path parameter');
            await auth.authorize(req, runReadPermission);
            const run = await runs.getRun(id);
            if (!run) throw new NotFoundError(`Run '${id}' not found`);
            res.json(run);
          });
          gamedays.registerRoutes(router, {
            auth,
            previews: new PreviewGate(),
          });
          httpRouter.use(router);
        },
      });
    },
  });
}
