import {
  ChaosWindow,
  EnvironmentName,
  StopCondition,
  WindowDecision,
  WindowLimits,
  WindowState,
} from '@internal/plugin-nt-infra-common';

export type {
  ChaosWindow,
  StopCondition,
  WindowDecision,
  WindowLimits,
  WindowState,
};

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
