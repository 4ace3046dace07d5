import {
  EndpointMonitorStatus,
  HealthVerdict,
  Observed,
  ProfileMonitorStatus,
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
