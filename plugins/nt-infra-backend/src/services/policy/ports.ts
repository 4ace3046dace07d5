import { EnvironmentName } from '@internal/plugin-nt-infra-common';
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
