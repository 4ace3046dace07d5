import {
  EnvironmentName,
  StopCondition,
} from '@internal/plugin-nt-infra-common';

export type { StopCondition };

/**
 * States of a production chaos window. Only `requested` moves on its own
 * (to `expired`, when its start passes undecided); `approved` stays approved
 * after it ends, because the time range alone says whether it still covers runs.
 */
export type WindowState =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired';

/** What may run inside a window: the server refuses anything outside these. */
export interface WindowLimits {
  /** Library ids, `<Kind>/<namespace>/<name>`, e.g. `PodChaos/ntai/api-pod-failure-10pct`. */
  experiments: string[];
  /** Azure regions, e.g. `eastus`. */
  regions: string[];
  /** Largest fraction of matching pods a run may touch, in (0, 0.1]. */
  maxFraction: number;
  /** Conditions that roll a run back automatically. */
  stopConditions: StopCondition[];
}

/** The approver's (or rejecter's) decision, from the approvals table. */
export interface WindowDecision {
  actor: string;
  decision: 'approved' | 'rejected';
  reason: string;
  /** ISO 8601. */
  at: string;
}

/** A time range in which production chaos may run once approved. */
export interface ChaosWindow {
  id: string;
  environment: EnvironmentName;
  /** ISO 8601; the window covers `startsAt <= t < endsAt`. */
  startsAt: string;
  endsAt: string;
  state: WindowState;
  requestedBy: string;
  reason: string;
  limits: WindowLimits;
  decision?: WindowDecision;
  createdAt: string;
  updatedAt: string;
}

/** A window as requested; times are validated by the service before it is stored. */
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

/**
 * Something people should hear about. `audience` says who: the approvers
 * (a new request, or a cancellation by the requester) or the requester
 * (a decision, an expiry, or a cancellation by an admin). The lead maps it
 * to Backstage notifications.
 */
export interface WindowNotification {
  kind:
    | 'window.requested'
    | 'window.approved'
    | 'window.rejected'
    | 'window.cancelled'
    | 'window.expired';
  audience: 'approvers' | 'requester';
  actor: string;
  window: ChaosWindow;
}
