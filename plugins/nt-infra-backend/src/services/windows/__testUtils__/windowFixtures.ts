import { NewWindow } from '../types';
import { WindowRequest } from '../windowRules';

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';

export const POD_FAILURE = 'PodChaos/ntai/api-pod-failure-10pct';
export const NETWORK_DELAY = 'NetworkChaos/ntai/api-latency-200ms';

/** The clock of the service tests: a Tuesday morning. */
export const NOW = new Date('2026-12-01T08:00:00.000Z');

export function hoursFromNow(hours: number): Date {
  return new Date(NOW.getTime() + hours * 60 * 60 * 1000);
}

/** A valid request as the API receives it: tomorrow 09:00–13:00, westus. */
export function windowRequest(
  overrides: Partial<WindowRequest> = {},
  limits: Partial<WindowRequest['limits']> = {},
): WindowRequest {
  return {
    environment: 'production',
    startsAt: '2026-12-02T09:00:00.000Z',
    endsAt: '2026-12-02T13:00:00.000Z',
    reason: 'weekly production chaos: API pod failure',
    ...overrides,
    limits: {
      experiments: [POD_FAILURE],
      regions: ['westus'],
      maxFraction: 0.1,
      stopConditions: [
        {
          metric: 'ntai:slo_burn_rate:5m',
          op: '>',
          threshold: 14.4,
          for: '1m',
        },
      ],
      ...limits,
    },
  };
}

/** A window as the store receives it, starting `startHours` after NOW. */
export function newWindow(
  startHours: number,
  durationHours: number,
  overrides: Partial<NewWindow> = {},
  limits: Partial<NewWindow['limits']> = {},
): NewWindow {
  const request = windowRequest({}, limits);
  return {
    environment: 'production',
    startsAt: hoursFromNow(startHours),
    endsAt: hoursFromNow(startHours + durationHours),
    requestedBy: ALICE,
    reason: request.reason,
    limits: request.limits,
    ...overrides,
  };
}
