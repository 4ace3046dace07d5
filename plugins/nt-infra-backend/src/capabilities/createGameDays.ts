import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CHAOS_LIBRARY_DIR } from '@internal/iac-validation';
import {
  ExperimentsResponse,
  RunDetail,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { AuditStore } from '../database/AuditStore';
import { RunStore } from '../database/RunStore';
import { MetricsProvider } from '../providers/metrics/MetricsProvider';
import { Authorizer } from '../routes/authorizer';
import { registerGameDayRoutes } from '../routes/gamedayRoutes';
import { PreviewGate } from '../routes/previewRateLimit';
import {
  BudgetCostEstimator,
  estimateGameDayCost,
} from '../services/budgetCost';
import { ChaosRunService } from '../services/chaosRuns/ChaosRunService';
import { RunPolicy } from '../services/policy';
import { RunHandler } from '../services/runs/RunHandler';
import { GameDayHandler } from '../services/gamedays/GameDayHandler';
import { GameDayScenarios } from '../services/gamedays/GameDayScenarios';
import { RegionDisplayName } from '../services/gamedays/gameDayReport';
import { GameDayService } from '../services/gamedays/GameDayService';
import { GameDayParams, StartFailover } from '../services/gamedays/types';

export interface GameDaysOptions {
  runs: RunStore;
  /** Chaos steps start and stop child runs through it (policy, blast radius, idempotency). */
  chaos: Pick<ChaosRunService, 'start' | 'stop' | 'preview'>;
  /** What a GameDay is expected to cost in error budget, before it starts. */
  budgetCost: BudgetCostEstimator;
  /** Failover steps start failover tests through it. */
  startFailover: StartFailover;
  /** An aborted GameDay ends its failover test through it. */
  abortFailover: (
    id: string,
    actor: string,
    reason: string,
  ) => Promise<unknown>;
  /** Scenarios are checked against the library's experiments. */
  experiments: { list(): Promise<ExperimentsResponse> };
  /** Check steps read recording rules through it. */
  metrics: MetricsProvider;
  /** The guard rails: no GameDay starts while halt-all is engaged. */
  policy: RunPolicy;
  audit: AuditStore;
  /** Names the failover tests' regions in the GameDay report ("East US"). */
  regionDisplayName?: RegionDisplayName;
  logger: LoggerService;
  /** `ntInfra.repository.root`; otherwise the folder above the working directory that holds the library. */
  repoRoot?: string;
  /** Optional: group observers (`group:default/sre`) match through ownership refs. */
  userInfo?: UserInfoService;
  /** How long a read of the scenario folder is reused (default 30 s). */
  scenariosRefreshMs?: number;
}

export interface GameDays {
  /** Register with the RunReconciler next to the chaos handler. */
  handler: RunHandler;
  service: GameDayService;
  scenarios: GameDayScenarios;
  /** Mount on the plugin's router (after express.json()). */
  registerRoutes(
    router: Router,
    deps: { auth: Authorizer; previews: PreviewGate },
  ): void;
}

function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, CHAOS_LIBRARY_DIR))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No ${CHAOS_LIBRARY_DIR} above ${from}; set ntInfra.repository.root`,
      );
    }
    dir = parent;
  }
}

/** Entity refs compare case-insensitively. */
const norm = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The GameDay engine, service and routes, for the plugin to wire. */
export function createGameDays(options: GameDaysOptions): GameDays {
  const repoRoot = options.repoRoot
    ? path.resolve(options.repoRoot)
    : findRepoRoot(process.cwd());
  const scenarios = GameDayScenarios.create({
    repoRoot,
    experiments: options.experiments,
    refreshMs: options.scenariosRefreshMs,
  });
  const service = new GameDayService({
    runs: options.runs,
    scenarios,
    policy: options.policy,
    audit: options.audit,
    regionDisplayName: options.regionDisplayName,
  });
  const handler = new GameDayHandler({
    runs: options.runs,
    startChaos: (request, requestedBy, key) =>
      options.chaos.start(request, requestedBy, key),
    startFailover: options.startFailover,
    stopChild: async (child, actor, reason) => {
      if (child.kind === 'chaos') {
        await options.chaos.stop(child.id, actor, reason);
      } else if (child.kind === 'failover') {
        await options.abortFailover(child.id, actor, reason);
      }
    },
    metrics: options.metrics,
    logger: options.logger,
  });

  async function isObserver(
    credentials: BackstageCredentials,
    run: RunDetail,
  ): Promise<boolean> {
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user') return false;
    const observers = new Set(
      (run.params as unknown as GameDayParams).scenario.observers.map(norm),
    );
    const user = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    if (observers.has(norm(user))) return true;
    if (!options.userInfo) return false;
    const info = await options.userInfo.getUserInfo(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
    return info.ownershipEntityRefs.some(ref => observers.has(norm(ref)));
  }

  return {
    handler,
    service,
    scenarios,
    registerRoutes(router, { auth, previews }) {
      registerGameDayRoutes(router, {
        auth,
        gamedays: service,
        scenarios,
        previews,
        estimateCost: (request, requestedBy) =>
          estimateGameDayCost({
            request,
            scenarios,
            estimator: options.budgetCost,
            chaos: options.chaos,
            requestedBy,
          }),
        isObserver,
      });
    },
  };
}
