import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { DisableEndpointCut, endpointOrThrow } from './cutPrimary';
import { evaluateHoldDown, HoldDownStatus } from './holdDown';
import { FailoverSample, FailoverTarget } from './types';

export interface RestorePrimaryOptions {
  traffic: TrafficProvider;
  target: FailoverTarget;
  cut: DisableEndpointCut;
  /** The run's samples so far, latest last; the engine samples just before calling. */
  samples: FailoverSample[];
  /** How long the primary must have been healthy before it gets users again. */
  holdDownSeconds: number;
  maxSampleGapSeconds?: number;
  /**
   * This tick's time, taken before the call. When the endpoint gets enabled
   * it is the restore time: every sample before it shows the primary still
   * out, which is what the failback measures and the hold-down check need.
   */
  now: Date;
}

export type RestorePrimaryResult =
  /** Not yet: call again on a later tick, after another sample. */
  | { state: 'holding'; holdDown: HoldDownStatus }
  /** Enabled now, at `at` (record it as the restore time). */
  | { state: 'restored'; changed: true; at: string; holdDown: HoldDownStatus }
  /** Already enabled (a retry after a crash): keep the restore time recorded before. */
  | { state: 'restored'; changed: false };

/**
 * One reconciler step of giving the primary back: re-enables its endpoint
 * once the hold-down rule holds (see holdDown.ts), otherwise says how long
 * it has been healthy. Reads the endpoint first, so a call after a crash
 * that had already enabled it just reports `restored`.
 */
export async function restorePrimary(
  options: RestorePrimaryOptions,
): Promise<RestorePrimaryResult> {
  const { traffic, target } = options;
  const profile = await traffic.getProfile(target.profile);
  const primary = endpointOrThrow(profile, target.primary.endpoint);
  if (primary.endpointStatus === 'Enabled') {
    return { state: 'restored', changed: false };
  }
  const holdDown = evaluateHoldDown(options.samples, {
    method: options.cut.method,
    holdDownSeconds: options.holdDownSeconds,
    maxSampleGapSeconds: options.maxSampleGapSeconds,
  });
  if (!holdDown.satisfied) {
    return { state: 'holding', holdDown };
  }
  await traffic.setEndpointStatus(target.profile, primary.name, 'Enabled');
  return {
    state: 'restored',
    changed: true,
    at: options.now.toISOString(),
    holdDown,
  };
}
