import { ConflictError } from '@backstage/errors';
import {
  EnvironmentName,
  FAILOVER_TEST_EXPERIMENT,
  RunDetail,
} from '@internal/plugin-nt-infra-common';
import { AuditStore, NewAuditEvent } from '../../database/AuditStore';
import {
  ChaosRunProposal,
  CoveringWindow,
  evaluateChaosPolicy,
  PolicyDecision,
} from './ChaosPolicy';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import {
  BlastRadius,
  BlastRadiusRecheck,
  recheckBlastRadius,
} from '../chaos/blastRadius';
import {
  BlastRadiusPort,
  ErrorBudgetPort,
  HaltPort,
  WindowPort,
} from './ports';
import { RunPolicySettings } from './runPolicySettings';
import { runWindowOf } from './runWindow';

/** The kinds of run the policy guards; a scheduled run is one of them, started by the scheduler. */
export type PolicyRunKind = 'chaos' | 'failover' | 'gameday';

/** The audit action of a run's start, by kind: the same row whether refused on request or at start. */
const START_ACTION: Record<PolicyRunKind, string> = {
  chaos: 'chaos.run.start',
  failover: 'failover.run.start',
  gameday: 'gameday.start',
};

/** A chaos resource and the clusters it is aimed at, under one seed. */
export interface BlastRadiusRequest {
  resource: ChaosResource;
  seed: string;
  clusters: Array<{ region: string; cluster: string }>;
}

/** What a chaos run was approved to hit in one region. */
export interface PlannedTargets {
  region: string;
  cluster: string;
  targets: Array<{ namespace: string; name: string }>;
}

/** A failover test or GameDay as the policy sees it when it is requested. */
export interface RunProposal {
  kind: Exclude<PolicyRunKind, 'chaos'>;
  environment: EnvironmentName;
  /** For a failover test: the primary it cuts (what a window must cover). */
  regions: string[];
  requestedBy: string;
  /** Refusals only the kind's service can see, e.g. another failover test already active. */
  conflicts?: string[];
  /**
   * Checks that read an upstream (e.g. the secondary's health): made only
   * when nothing else refuses, so a refusal never waits on an outage.
   */
  lateCheck?(): Promise<string | undefined>;
}

/** What the refusal's audit row names: the action refused and its target. */
export type RefusalAudit = Pick<
  NewAuditEvent,
  'action' | 'targetType' | 'targetId' | 'details'
>;

export interface RunPolicyOptions {
  settings: RunPolicySettings;
  windows: WindowPort;
  errorBudget: ErrorBudgetPort;
  halt: HaltPort;
  /** Measures chaos blast radius from the live pods; the only place pods are listed for it. */
  blastRadius: BlastRadiusPort;
  audit: AuditStore;
  now?: () => Date;
}

const HALTED = 'halt-all is engaged: no run may start until it is released';

/**
 * The guard rails of every run kind (chaos, failover tests, GameDays, and
 * scheduled runs, which are one of those started by the scheduler), in one
 * place. A run is evaluated when it is requested (`evaluate*`, then
 * `enforce`, which audits and refuses), again when it starts (`atStart`)
 * and on every tick while it runs (`whileRunning`): a production run stops
 * when the window it ran in ends.
 */
export class RunPolicy {
  constructor(private readonly options: RunPolicyOptions) {}

  get settings(): RunPolicySettings {
    return this.options.settings;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** The production limit on the share of matching pods hit, bounded by the window's. */
  maxFraction(environment: EnvironmentName, window?: CoveringWindow): number {
    return environment === 'production'
      ? Math.min(
          this.options.settings.productionMaxFraction,
          window?.maxFraction ?? 1,
        )
      : 1;
  }

  /**
   * The blast radius of a requested chaos run in each region: one listing
   * of live pods per cluster for this evaluation, judged against the
   * production limit. Its counts feed `evaluateChaos`.
   */
  async measureBlastRadius(
    request: BlastRadiusRequest,
  ): Promise<Array<{ region: string; radius: BlastRadius }>> {
    return Promise.all(
      request.clusters.map(async ({ region, cluster }) => ({
        region,
        radius: await this.options.blastRadius.measure({
          resource: request.resource,
          cluster,
          seed: request.seed,
          maxFraction: this.options.settings.productionMaxFraction,
        }),
      })),
    );
  }

  /**
   * The blast radius again, for a chaos run about to start: pods change
   * between approval and start, so each region's approved targets are
   * checked against one fresh listing of its cluster (the same seed re-picks
   * when they no longer stand). The caller pins what this returns.
   */
  async recheckBlastRadius<P extends PlannedTargets>(run: {
    resource: ChaosResource;
    seed: string;
    maxFraction: number;
    plans: P[];
  }): Promise<Array<{ plan: P; result: BlastRadiusRecheck }>> {
    return Promise.all(
      run.plans.map(async plan => {
        const live = await this.options.blastRadius.measure({
          resource: run.resource,
          cluster: plan.cluster,
          seed: run.seed,
          maxFraction: run.maxFraction,
        });
        const previewed = {
          ...live,
          targets: live.matching.filter(p =>
            plan.targets.some(
              x => x.namespace === p.namespace && x.name === p.name,
            ),
          ),
        };
        return { plan, result: recheckBlastRadius(previewed, live) };
      }),
    );
  }

  /** The chaos rules; the error budget is read here, from the metrics. */
  async evaluateChaos(
    proposal: Omit<ChaosRunProposal, 'errorBudget'>,
  ): Promise<PolicyDecision> {
    const { settings, windows, errorBudget, halt } = this.options;
    const [halted, budget] = await Promise.all([
      halt.engaged(),
      errorBudget.remaining(proposal.environment, proposal.regions),
    ]);
    return evaluateChaosPolicy(
      { ...proposal, errorBudget: budget },
      {
        halted,
        productionMaxFraction: settings.productionMaxFraction,
        productionMaxDurationSeconds: settings.productionMaxDurationSeconds,
        findWindow: async p =>
          p.experimentId
            ? windows.findCovering({
                environment: p.environment,
                experiment: p.experimentId,
                regions: p.regions,
                at: this.now(),
              })
            : undefined,
      },
    );
  }

  /** The rules of failover tests and GameDays. */
  async evaluate(proposal: RunProposal): Promise<PolicyDecision> {
    const reasons: string[] = [];
    if (await this.options.halt.engaged()) {
      reasons.push(HALTED);
    }
    reasons.push(...(proposal.conflicts ?? []));
    let window: CoveringWindow | undefined;
    if (this.needsWindow(proposal.kind, proposal.environment)) {
      window = await this.options.windows.findCovering({
        environment: proposal.environment,
        experiment: FAILOVER_TEST_EXPERIMENT,
        regions: proposal.regions,
        at: this.now(),
      });
      if (!window) {
        reasons.push(noFailoverWindow(proposal.regions));
      }
    }
    if (reasons.length === 0 && proposal.lateCheck) {
      const late = await proposal.lateCheck();
      if (late) reasons.push(late);
    }
    return {
      allowed: reasons.length === 0,
      reasons,
      window,
      stopConditions: window?.stopConditions ?? [],
      failSafe: proposal.environment === 'production',
    };
  }

  /**
   * The one place a run request is refused: a refused decision is audited
   * as `denied` with its reasons and answered with a ConflictError (409).
   */
  async enforce(
    decision: PolicyDecision,
    requestedBy: string,
    audit: RefusalAudit,
  ): Promise<void> {
    if (decision.allowed) return;
    const reason = decision.reasons.join('; ');
    await this.options.audit.append({
      ...audit,
      actor: requestedBy,
      decision: 'denied',
      reason,
    });
    throw new ConflictError(`Refused by policy: ${reason}`);
  }

  /**
   * The rules again, for a run about to start (nothing applied yet): the
   * switch, its production window still open, its regions' error budget.
   * Blast radius is re-checked by `recheckBlastRadius`, whose targets the
   * chaos handler pins.
   * Returns why it must not start, or undefined.
   */
  async atStart(run: RunDetail): Promise<string | undefined> {
    const reasons: string[] = [];
    if (await this.options.halt.engaged()) {
      reasons.push(HALTED);
    }
    const production = run.environment === 'production';
    if (run.kind === 'chaos') {
      if (production) {
        const window = run.experimentRef
          ? await this.options.windows.findCovering({
              environment: run.environment,
              experiment: run.experimentRef,
              regions: run.regions,
              at: this.now(),
            })
          : undefined;
        if (!window) {
          reasons.push(
            'no approved production chaos window covers this experiment, its regions and the current time',
          );
        }
      }
      const budget = await this.options.errorBudget.remaining(
        run.environment,
        run.regions,
      );
      for (const region of run.regions) {
        const left = budget[region];
        if (left === undefined) {
          if (production) {
            reasons.push(
              `${region}: error budget unknown (metrics unavailable)`,
            );
          }
        } else if (left <= 0) {
          reasons.push(`${region}: error budget exhausted`);
        }
      }
    } else if (
      run.kind === 'failover' &&
      this.needsWindow('failover', run.environment)
    ) {
      const primary = run.regions.slice(0, 1);
      const window = await this.options.windows.findCovering({
        environment: run.environment,
        experiment: FAILOVER_TEST_EXPERIMENT,
        regions: primary,
        at: this.now(),
      });
      if (!window) reasons.push(noFailoverWindow(primary));
    }
    return reasons.length ? reasons.join('; ') : undefined;
  }

  /**
   * Audits a start `atStart` refused (the run then ends without applying
   * anything): the same decision as a refused request, taken later, so it is
   * in the trail, and counted as a refusal, like one.
   */
  async auditRefusedStart(run: RunDetail, reason: string): Promise<void> {
    await this.options.audit.append(
      {
        actor: 'nt-infra',
        action: START_ACTION[run.kind],
        targetType: 'run',
        targetId: run.id,
        decision: 'denied',
        reason: `at start: ${reason}`,
        details: { environment: run.environment, requestedBy: run.requestedBy },
      },
      this.now(),
    );
  }

  /**
   * Checked on every tick of a running run, from what the run carries: why
   * it must stop now (its production window has ended), or undefined.
   */
  whileRunning(run: RunDetail, now: Date): string | undefined {
    const window = runWindowOf(run);
    if (window && now.getTime() >= Date.parse(window.endsAt)) {
      return `production window ${window.id} ended at ${window.endsAt}`;
    }
    return undefined;
  }

  private needsWindow(kind: PolicyRunKind, environment: EnvironmentName) {
    // A GameDay's production steps are chaos runs and failover tests, each
    // of which needs its window when it starts.
    return (
      environment === 'production' &&
      kind === 'failover' &&
      this.options.settings.failoverRequiresWindow
    );
  }
}

function noFailoverWindow(regions: string[]): string {
  return `no approved production window covers a failover test of ${regions.join(
    ', ',
  )} now (its limits must list ${FAILOVER_TEST_EXPERIMENT})`;
}
