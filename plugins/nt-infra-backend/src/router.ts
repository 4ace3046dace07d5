import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  auditReadPermission,
  AuditEventsResponse,
  experimentReadPermission,
  ExperimentsResponse,
  HealthResponse,
  regionReadPermission,
  RegionsResponse,
  RunDetail,
  runReadPermission,
  RunsResponse,
  SliSeriesResponse,
  trafficReadPermission,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import express from 'express';
import Router from 'express-promise-router';
import { AuditStore } from './database/AuditStore';
import { RunStore } from './database/RunStore';
import {
  auditQuery,
  environmentQuery,
  noQuery,
  parse,
  runParams,
  runsQuery,
  sliSeriesParams,
  sliSeriesQuery,
} from './schema/requests';
import { Authorizer, createAuthorizer } from './routes/authorizer';
import { registerChaosRunRoutes } from './routes/chaosRunRoutes';
import { registerFailoverRoutes } from './routes/failoverRoutes';
import { registerHaltRoutes } from './routes/haltRoutes';
import { PreviewGate, PreviewLimit } from './routes/previewRateLimit';
import {
  auditUnrecordedRefusals,
  credentialsBarrier,
  requestAuditScope,
} from './routes/refusalAudit';
import { ChaosRunService } from './services/chaosRuns/ChaosRunService';
import { ExperimentLibrary } from './services/ExperimentLibrary';
import { FailoverRunService } from './services/failoverRuns';
import { BudgetCostEstimator } from './services/budgetCost';
import { HaltService } from './services/halt/HaltService';
import { RunCommands } from './services/runs/RunCommands';
import { registerWindowRoutes, WindowService } from './services/windows';
import { chaosApprovePermission } from '@internal/plugin-nt-infra-common';
import { ServiceEnvironments } from './routes/serviceEnvironments';
import { HealthService, SliSeriesService } from './services/health';

/** A capability that brings its own routes (GitOps, GameDays). */
export interface RouteModule {
  registerRoutes(
    router: express.Router,
    deps: { auth: Authorizer; previews: PreviewGate },
  ): void;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  health: HealthService;
  sliSeries: SliSeriesService;
  experiments: ExperimentLibrary;
  audit: AuditStore;
  runs: RunStore;
  halt: HaltService;
  chaos: ChaosRunService;
  windows: WindowService;
  failover: FailoverRunService;
  /** The error budget a failover test is expected to spend. */
  budgetCost: BudgetCostEstimator;
  /** Commands on a run of any kind, handed to the service of its kind. */
  commands: RunCommands;
  modules?: RouteModule[];
  /** Where each service principal may act; default: nowhere. */
  serviceEnvironments?: ServiceEnvironments;
  /** How many previews each principal may ask for; default 10 a minute. */
  previewLimit?: PreviewLimit;
}): Promise<express.Router> {
  const { httpAuth, permissions, health, sliSeries, experiments, audit, runs } =
    options;
  const router = Router();
  const auth = createAuthorizer({
    httpAuth,
    permissions,
    audit,
    serviceEnvironments: options.serviceEnvironments,
  });
  router.use(credentialsBarrier(httpAuth));
  // Bodies are small JSON documents; anything larger is refused (413).
  router.use(express.json({ limit: '256kb' }));
  router.use(requestAuditScope());
  const authorize = auth.authorize;
  // One budget per principal across every kind of preview.
  const previews = new PreviewGate(options.previewLimit);

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.get('/regions', async (req, res) => {
    const query = parse(environmentQuery, req.query, 'query parameter');
    await authorize(req, regionReadPermission);
    const body: RegionsResponse = {
      environments: await health.regions(query.environment),
    };
    res.json(body);
  });

  router.get('/regions/:environment/:region/slis', async (req, res) => {
    const params = parse(sliSeriesParams, req.params, 'path parameter');
    const query = parse(sliSeriesQuery, req.query, 'query parameter');
    await authorize(req, regionReadPermission);
    const body: SliSeriesResponse = await sliSeries.series(
      params.environment,
      params.region,
      query.minutes,
    );
    res.json(body);
  });

  router.get('/traffic', async (req, res) => {
    const query = parse(environmentQuery, req.query, 'query parameter');
    await authorize(req, trafficReadPermission);
    const body: TrafficResponse = {
      environments: await health.traffic(query.environment),
    };
    res.json(body);
  });

  router.get('/experiments', async (req, res) => {
    parse(noQuery, req.query, 'query parameter');
    await authorize(req, experimentReadPermission);
    const body: ExperimentsResponse = await experiments.list();
    res.json(body);
  });

  router.get('/runs', async (req, res) => {
    const { limit, cursor, ...filter } = parse(
      runsQuery,
      req.query,
      'query parameter',
    );
    await authorize(req, runReadPermission);
    const body: RunsResponse = await runs.listRuns(filter, { limit, cursor });
    res.json(body);
  });

  router.get('/runs/:id', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    await authorize(req, runReadPermission);
    const run: RunDetail | undefined = await runs.getRun(id);
    if (!run) {
      throw new NotFoundError(`Run '${id}' not found`);
    }
    res.json(run);
  });

  router.get('/audit', async (req, res) => {
    const query = parse(auditQuery, req.query, 'query parameter');
    await authorize(req, auditReadPermission);
    const body: AuditEventsResponse = await audit.list(query);
    res.json(body);
  });

  registerHaltRoutes(router, { auth, halt: options.halt });
  registerChaosRunRoutes(router, {
    auth,
    chaos: options.chaos,
    commands: options.commands,
    previews,
  });
  registerFailoverRoutes(router, {
    auth,
    failover: options.failover,
    budgetCost: options.budgetCost,
    previews,
  });
  registerWindowRoutes(router, {
    windows: options.windows,
    authorize: auth.authorize,
    userRef: auth.actorOf,
    // Approvers (people, as for approving) may cancel anyone's window, e.g. during an incident.
    isWindowAdmin: credentials =>
      auth.allows(credentials, chaosApprovePermission),
  });

  for (const module of options.modules ?? []) {
    module.registerRoutes(router, { auth, previews });
  }
  router.use(
    auditUnrecordedRefusals({
      httpAuth,
      logger: options.logger,
      audit,
      actorOf: auth.actorOf,
    }),
  );

  return router;
}
