import {
  FailoverTestView,
  FailoverVerdict,
  Run,
} from '@internal/plugin-nt-infra-common';

import { Tone } from './tones';

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
 * The phases in the order they happen. Every measurement is optional until
 * the samples show it, so a phase without a value is simply "not yet".
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
      label: 'RTO',
      measured: m.rtoSeconds,
      // Detection plus the DNS TTL: the worst case for a client with a cached answer.
      expectedWithin: e?.usersRecoveredWithinSeconds,
      description: `${view.toRegion} serves users again (target ${view.targets.rtoSeconds} s)`,
    },
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A past test's RTO and target, read defensively from the run's free-form outcome. */
export function rtoOfRun(run: Pick<Run, 'outcome'>): {
  rtoSeconds?: number;
  targetSeconds?: number;
} {
  const measurement = run.outcome?.measurement;
  if (!isRecord(measurement)) return {};
  const rto = isRecord(measurement.rto) ? measurement.rto.seconds : undefined;
  const targets = isRecord(measurement.targets)
    ? measurement.targets.rtoSeconds
    : undefined;
  return {
    rtoSeconds: typeof rto === 'number' ? rto : undefined,
    targetSeconds: typeof targets === 'number' ? targets : undefined,
  };
}
