import {
  ChaosWindow,
  CoveringWindowQuery,
  NewWindow,
  WindowFilter,
  WindowPage,
} from '../services/windows/types';

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
