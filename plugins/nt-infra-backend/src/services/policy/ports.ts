import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { BlastRadius } from '../chaos/blastRadius';
import { CoveringWindow } from './ChaosPolicy';

/** What a production window must list and cover for a run to go ahead. */
export interface WindowQuery {
  environment: EnvironmentName;
  /** The experiment id the window's limits must list. */
  experiment: string;
  regions: string[];
  at: Date;
}

/** Approved production windows, as the policy sees them. */
export interface WindowPort {
  findCovering(query: WindowQuery): Promise<CoveringWindow | undefined>;
}

/**
 * Error budget left per region (fraction; ≤ 0 is exhausted), undefined for a
 * region whose budget cannot be read now.
 */
export interface ErrorBudgetPort {
  remaining(
    environment: EnvironmentName,
    regions: string[],
  ): Promise<Record<string, number | undefined>>;
}

/** The halt-all switch. */
export interface HaltPort {
  engaged(): Promise<boolean>;
}

/** One cluster's blast-radius question: which pods `resource` hits there, under `seed`. */
export interface BlastRadiusQuery {
  resource: ChaosResource;
  cluster: string;
  seed: string;
  /** Largest share of matching pods the fault may hit. */
  maxFraction: number;
}

/**
 * The exact pods a chaos resource hits in one cluster, from one listing of
 * that cluster's live pods per call.
 */
export interface BlastRadiusPort {
  measure(query: BlastRadiusQuery): Promise<BlastRadius>;
}
