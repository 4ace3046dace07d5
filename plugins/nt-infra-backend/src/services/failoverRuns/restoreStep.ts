import { ClusterProvider } from '../../providers/clusters/ClusterProvider';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { evaluateHoldDown, FailoverSample, restorePrimary } from '../failover';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';
import { removePrimaryFault } from './primaryControl';

export interface RestoreStepOptions {
  traffic: TrafficProvider;
  clusters: ClusterProvider;
  params: FailoverRunParams;
  outcome: FailoverRunOutcome;
  /** Every sample so far, this tick's last. */
  samples: FailoverSample[];
  /** Taken after this tick's sample: every sample before it shows the primary out. */
  now: Date;
  save(patch: Partial<FailoverRunOutcome>): Promise<void>;
}

/**
 * One reconciler step of giving the primary back once the hold-down allows.
 * The restore time is written (pending) before the change and confirmed
 * after, so a crash in between is resolved by asking Traffic Manager (or
 * the cluster) on the next step, never by guessing.
 */
export async function restoreStep(
  options: RestoreStepOptions,
): Promise<'holding' | 'restored'> {
  const { params, outcome, samples, now, save } = options;
  if (params.method === 'unhealthy') {
    // Nothing to hold: the fault keeps the primary unhealthy until it is
    // gone, and Traffic Manager's probes decide the failback themselves.
    const at = outcome.restore?.at ?? now.toISOString();
    await save({ samples, restore: { at, pending: true } });
    await removePrimaryFault(options.clusters, params.fault!);
    await save({ restore: { at } });
    return 'restored';
  }
  const holdDownSeconds = params.holdDownSeconds;
  if (!outcome.restore) {
    const holdDown = evaluateHoldDown(samples, {
      method: params.method,
      holdDownSeconds,
    });
    if (!holdDown.satisfied) return 'holding';
  }
  const recorded = outcome.restore?.at;
  await save({
    samples,
    restore: {
      at: recorded ?? now.toISOString(),
      holdDownSeconds,
      pending: true,
    },
  });
  const result = await restorePrimary({
    traffic: options.traffic,
    target: params.target,
    cut: { method: 'disable-endpoint' },
    samples,
    holdDownSeconds,
    now,
  });
  if (result.state === 'holding') {
    // The primary turned unhealthy again since the restore was recorded.
    // null, not undefined: the outcome is merged as JSON, undefined would keep it.
    await save({ restore: null });
    return 'holding';
  }
  await save({
    restore: {
      // Enabled now, or (after a crash) right after the recorded time.
      at: result.changed ? result.at : recorded ?? now.toISOString(),
      holdDownSeconds,
    },
  });
  return 'restored';
}
