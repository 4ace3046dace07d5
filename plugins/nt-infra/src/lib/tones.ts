import {
  ChangeRequestState,
  EndpointMonitorStatus,
  HealthVerdict,
  Observed,
  ProfileMonitorStatus,
  WindowState,
} from '@internal/plugin-nt-infra-common';

/** The colour families the status badges use; each also carries a text label. */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

export const verdictTone: Record<HealthVerdict, Tone> = {
  healthy: 'success',
  degraded: 'warning',
  down: 'danger',
  unknown: 'neutral',
};

/**
 * Traffic Manager stops routing to a Degraded endpoint, so for the question
 * "can this region take traffic" Degraded is as bad as it gets.
 */
export function monitorStatusTone(
  status: EndpointMonitorStatus | ProfileMonitorStatus | undefined,
): Tone {
  switch (status) {
    case 'Online':
      return 'success';
    case 'Degraded':
      return 'danger';
    case 'CheckingEndpoint':
    case 'CheckingEndpoints':
      return 'info';
    default:
      return 'neutral';
  }
}

export function observedTone(status: Observed<unknown>['status']): Tone {
  if (status === 'ok') {
    return 'neutral';
  }
  return status === 'stale' ? 'warning' : 'danger';
}

/**
 * Requests that wait for a second person, one colour per stage wherever they
 * appear (production windows, change requests): waiting is info, granted is
 * success, refused is danger, withdrawn or lapsed is neutral.
 */
const decisionTone = {
  waiting: 'info',
  granted: 'success',
  refused: 'danger',
  over: 'neutral',
} as const satisfies Record<string, Tone>;

export const windowStateTone: Record<WindowState, Tone> = {
  requested: decisionTone.waiting,
  approved: decisionTone.granted,
  rejected: decisionTone.refused,
  cancelled: decisionTone.over,
  expired: decisionTone.over,
};

export const changeStateTone: Record<ChangeRequestState, Tone> = {
  open: decisionTone.waiting,
  approved: decisionTone.granted,
  merged: decisionTone.granted,
  closed: decisionTone.over,
};
