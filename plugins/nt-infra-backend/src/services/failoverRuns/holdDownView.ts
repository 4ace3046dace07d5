import { FailoverHoldDown, RunDetail } from '@internal/plugin-nt-infra-common';
import { evaluateHoldDown } from '../failover';
import { abortRequest } from './FailoverRunHandler';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';

/**
 * The hold-down as the reconciler's restore step decides it (the same rule
 * over the same stored samples), for the view while it is under way: a
 * drained primary, the test `stopping`, not yet given back. Undefined
 * otherwise: an unhealthy primary's failback is Traffic Manager's own, and
 * an abort gives the primary back at once.
 */
export function holdDownView(
  run: RunDetail,
  params: FailoverRunParams,
  outcome: FailoverRunOutcome,
): FailoverHoldDown | undefined {
  if (
    run.state !== 'stopping' ||
    params.method !== 'disable-endpoint' ||
    !outcome.cut ||
    outcome.ending === 'aborted' ||
    abortRequest(run) ||
    (outcome.restore && !outcome.restore.pending)
  ) {
    return undefined;
  }
  const status = evaluateHoldDown(outcome.samples ?? [], {
    method: params.method,
    holdDownSeconds: params.holdDownSeconds,
  });
  if (!status.healthySince) {
    return {
      requiredSeconds: status.requiredSeconds,
      reason: status.reason ?? 'the primary is not healthy',
    };
  }
  return {
    requiredSeconds: status.requiredSeconds,
    healthySince: status.healthySince,
    endsAt: new Date(
      Date.parse(status.healthySince) + status.requiredSeconds * 1000,
    ).toISOString(),
  };
}
