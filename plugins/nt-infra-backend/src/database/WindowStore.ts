import {
  ChaosWindow,
  EnvironmentName,
  WindowLimits,
  WindowState,
} from '@internal/plugin-nt-infra-common';

/**
 * States of a production chaos window. Only `requested` moves on its own
 * (to `expired`, when its start passes undecided); `approved` stays approved
 * after it ends, because the time range alone says whether it still covers runs.
 */
export interface NewWindow {
  environment: EnvironmentName;
  startsAt: Date;
  endsAt: Date;
  requestedBy: string;
  reason: string;
  limits: WindowLimits;
}

export interface WindowFilter {
  environment?: EnvironmentName;
  state?: WindowState[];
  /** Only windows overlapping `[from, to)`; either bound may be left open. */
  from?: Date;
  to?: Date;
}

export interface WindowPage {
  items: ChaosWindow[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** What the run engine asks before it starts a production run. */
export interface CoveringWindowQuery {
  environment: EnvironmentName;
  experiment: string;
  regions: string[];
  at: Date;
}

export interface WindowDecisionRequest {
  decision: 'approved' | 'rejected';
  actor: string;
  reason: string;
}

/**
 * Durable production chaos windows. State changes are conditional updates,
 * so concurrent callers (two approvers, two backend replicas ticking
 * `expireDue`) can never both move the same window.
 */
export interface WindowStore {
  create(window: NewWindow, at?: Date): Promise<ChaosWindow>;
  get(id: string): Promise<ChaosWindow | undefined>;
  /** Latest start first, keyset-paginated over (starts_at, id). */
  list(
    filter: WindowFilter,
    page: { limit: number; cursor?: string },
  ): Promise<WindowPage>;
  /**
   * Approve or reject, only from `requested` and only before the window
   * starts; writes the approvals row in the same transaction. Approval is
   * also refused when another approved window of the environment overlaps
   * in time and shares a region (checked under lock, so two approvers of two
   * overlapping windows cannot both win). Throws NotFoundError / ConflictError.
   */
  decide(
    id: string,
    decision: WindowDecisionRequest,
    at?: Date,
  ): Promise<ChaosWindow>;
  /**
   * From `requested` or `approved`, only before the window ends. Who may
   * cancel is the service's rule, not the store's. Throws NotFoundError / ConflictError.
   */
  cancel(id: string, at?: Date): Promise<ChaosWindow>;
  /** Requested windows whose start has passed become `expired`; returns those this call moved. */
  expireDue(now: Date): Promise<ChaosWindow[]>;
  /** Approved windows of the environment overlapping `[startsAt, endsAt)` that share a region. */
  findApprovedOverlaps(window: {
    environment: NewWindow['environment'];
    startsAt: Date;
    endsAt: Date;
    regions: string[];
    excludeId?: string;
  }): Promise<ChaosWindow[]>;
  /**
   * The approved window covering `at` whose limits include the experiment
   * and every region, or undefined: then a production run must be refused.
   */
  findCoveringWindow(
    query: CoveringWindowQuery,
  ): Promise<ChaosWindow | undefined>;
}
