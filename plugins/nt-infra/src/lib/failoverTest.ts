import {
  FailoverTestView,
  FailoverVerdict,
} from '@internal/plugin-nt-infra-common';

import { Tone } from './tones';

export { rtoOfRun } from './failoverRuns';

export const verdictTone: Record<FailoverVerdict, Tone> = {
  passed: 'success',
  failed: 'danger',
  pending: 'info',
  inconclusive: 'warning',
  'not-applicable': 'neutral',
};

/** One phase of a failover test, as the timeline draws it. */
export interface FailoverPhase {
  label: string;
  /** Seconds after the cut, once measured. */
  measured?: number;
  /** The worst case the timing formula allows, when it has one. */
  expectedWithin?: number;
  /** What the phase means, for people who have not run one before. */
  description: string;
}

/**
 * The least slack a phase gets over the formula's bound. The portal places a
 * moment between two of its samples, so a measurement can be late by up to one
 * sampling interval without anything being slow; and nothing a person acts on
 * happens in milliseconds, so a bound of "at once" is not missed by 35 ms.
 */
export const MIN_PHASE_SLACK_SECONDS = 1;

/**
 * Whether a phase took longer than Traffic Manager's formula allows: only when
 * it exceeds the bound plus the sampling resolution (at least a second).
 */
export function isSlowerThanExpected(
  phase: Pick<FailoverPhase, 'measured' | 'expectedWithin'>,
  samplingResolutionSeconds: number | undefined,
): boolean {
  if (phase.measured === undefined || phase.expectedWithin === undefined) {
    return false;
  }
  const slack = Math.max(
    samplingResolutionSeconds ?? 0,
    MIN_PHASE_SLACK_SECONDS,
  );
  return phase.measured > phase.expectedWithin + slack;
}

/**
 * The phases the portal sees directly, in the order they happen. The portal's
 * own uncached resolver is one of them, not the RTO: it sees nothing of the
 * answers the users' resolvers have cached. Every measurement is optional
 * until the samples show it, so a phase without a value is simply "not yet".
 */
export function failoverPhases(view: FailoverTestView): FailoverPhase[] {
  const m = view.measurements;
  const e = view.expected;
  return [
    {
      label: 'Cut',
      measured: view.cut ? 0 : undefined,
      description:
        view.method === 'disable-endpoint'
          ? `${view.fromRegion}'s Traffic Manager endpoint disabled`
          : `${view.fromRegion}'s pods made to fail`,
    },
    {
      label: 'Detection',
      measured: m.detectionSeconds,
      expectedWithin: e?.detectionWithinSeconds,
      description: 'Traffic Manager takes the primary out of rotation',
    },
    {
      label: 'DNS switch',
      measured: m.dnsSwitchSeconds,
      expectedWithin: e?.dnsSwitchWithinSeconds,
      description: `DNS answers ${view.toRegion}`,
    },
    {
      label: "Portal's resolver served",
      measured: m.resolverServedSeconds,
      description: `The portal's own uncached resolver reaches ${view.toRegion}; users with a cached answer wait up to the TTL more`,
    },
  ];
}
