import {
  EnvironmentName,
  StopCondition,
} from '@internal/plugin-nt-infra-common';

/** A production chaos window that covers a run, as the policy needs it. */
export interface CoveringWindow {
  id: string;
  maxFraction: number;
  stopConditions: StopCondition[];
  endsAt: string;
}

/** Everything the guard rails look at before a run starts (and again when it starts). */
export interface ChaosRunProposal {
  environment: EnvironmentName;
  regions: string[];
  /** Library id, or undefined for a template run. */
  experimentId?: string;
  requestedBy: string;
  /** Per region: pods the fault would hit out of the pods the selector matches. */
  blastRadius: Array<{ region: string; targets: number; matching: number }>;
  stopConditions: StopCondition[];
  /** Error budget left per region (fraction; ≤ 0 is exhausted), undefined when unknown. */
  errorBudget: Record<string, number | undefined>;
  durationSeconds: number;
  /**
   * Namespaces the experiment reaches (its own, its pods') where the
   * environment's overlay deploys no workload, e.g. kube-system.
   */
  outsideNamespaces?: string[];
}

export interface PolicyContext {
  halted: boolean;
  /** The production limit on the fraction of matching pods hit (0.1 by default). */
  productionMaxFraction: number;
  /** Longest a production fault may last. */
  productionMaxDurationSeconds: number;
  findWindow(proposal: ChaosRunProposal): Promise<CoveringWindow | undefined>;
}

export interface PolicyDecision {
  allowed: boolean;
  /** Every reason a run is refused (empty when allowed), for the user and the audit trail. */
  reasons: string[];
  window?: CoveringWindow;
  /** The stop conditions the run will watch: the experiment's plus its window's. */
  stopConditions: StopCondition[];
  /** Missing metrics count as a breach (production). */
  failSafe: boolean;
}

/**
 * The guard rails of every chaos run, in one place, evaluated on the server
 * before a run is created and again when it starts: the halt-all switch,
 * production windows, blast radius, the SLO gate and time limits.
 */
export async function evaluateChaosPolicy(
  proposal: ChaosRunProposal,
  context: PolicyContext,
): Promise<PolicyDecision> {
  const reasons: string[] = [];
  const production = proposal.environment === 'production';
  let window: CoveringWindow | undefined;

  if (context.halted) {
    reasons.push('halt-all is engaged: no run may start until it is released');
  }
  if (proposal.regions.length === 0) {
    reasons.push('the run targets no region');
  }
  if (proposal.durationSeconds <= 0) {
    reasons.push('the experiment has no duration');
  }

  if (production) {
    window = await context.findWindow(proposal);
    if (!window) {
      reasons.push(
        'no approved production chaos window covers this experiment, its regions and the current time',
      );
    }
    if (proposal.durationSeconds > context.productionMaxDurationSeconds) {
      reasons.push(
        `duration ${proposal.durationSeconds} s exceeds the production limit of ${context.productionMaxDurationSeconds} s`,
      );
    }
    if (
      proposal.stopConditions.length + (window?.stopConditions.length ?? 0) ===
      0
    ) {
      reasons.push('production runs need at least one stop condition');
    }
  }

  if (proposal.outsideNamespaces?.length) {
    reasons.push(
      `the experiment reaches namespace ${proposal.outsideNamespaces.join(
        ', ',
      )}, where the ${proposal.environment} overlay deploys no workload`,
    );
  }

  const maxFraction = production
    ? Math.min(context.productionMaxFraction, window?.maxFraction ?? 1)
    : 1;
  for (const { region, targets, matching } of proposal.blastRadius) {
    if (matching === 0 || targets === 0) {
      reasons.push(`${region}: the selector matches no pod`);
    } else if (targets / matching > maxFraction) {
      reasons.push(
        `${region}: blast radius ${targets}/${matching} pods (${Math.round(
          (targets / matching) * 100,
        )}%) exceeds the limit of ${Math.round(maxFraction * 100)}%`,
      );
    }
  }

  for (const region of proposal.regions) {
    const left = proposal.errorBudget[region];
    if (left === undefined) {
      if (production) {
        reasons.push(`${region}: error budget unknown (metrics unavailable)`);
      }
    } else if (left <= 0) {
      reasons.push(`${region}: error budget exhausted`);
    }
  }

  return {
    allowed: reasons.length === 0,
    reasons,
    window,
    stopConditions: [
      ...proposal.stopConditions,
      ...(window?.stopConditions ?? []),
    ],
    failSafe: production,
  };
}
