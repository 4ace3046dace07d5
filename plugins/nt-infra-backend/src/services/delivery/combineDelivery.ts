import {
  DeliveryState,
  SourceDelivery,
} from '@internal/plugin-nt-infra-common';

/**
 * Most telling first: a failure or an unreadable source outranks progress,
 * and `applied` needs every source to agree.
 */
const PRECEDENCE: DeliveryState[] = [
  'failed',
  'unknown',
  'awaiting-approval',
  'applying',
  'pending',
  'applied',
];

/** One state for a target from its sources' states (`unknown` when there is no source). */
export function combineDelivery(sources: SourceDelivery[]): {
  state: DeliveryState;
  reason?: string;
} {
  if (sources.length === 0) {
    return { state: 'unknown', reason: 'no delivery source is configured' };
  }
  for (const state of PRECEDENCE) {
    const source = sources.find(s => s.state === state);
    if (source) {
      return { state, reason: source.reason };
    }
  }
  return { state: 'unknown' };
}
