import {
  ChaosWindow,
  StopCondition,
  WindowDecision,
  WindowLimits,
  WindowState,
} from '@internal/plugin-nt-infra-common';

export type {
  CoveringWindowQuery,
  NewWindow,
  WindowFilter,
  WindowPage,
} from '../../database/WindowStore';
export type {
  ChaosWindow,
  StopCondition,
  WindowDecision,
  WindowLimits,
  WindowState,
};

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
