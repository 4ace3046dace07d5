import { RunStore } from '../../database/RunStore';
import { ACTIVE_STATES } from '../runs/RunReconciler';
import { RunTick } from '../runs/RunHandler';
import { FailoverRunParams } from './failoverRunTypes';

/**
 * An approved test's first step: it goes on to the cut unless halt-all, an
 * older active test of its environment or the run policy says otherwise,
 * and then ends having changed nothing.
 */
export async function approveStep(t: RunTick, runs: RunStore): Promise<void> {
  if (t.halted) {
    await t.transition('aborted', 'halt-all is engaged; nothing was changed', {
      endedAt: t.now,
    });
    return;
  }
  // The service refuses a second test, but two requests may race past its
  // check: the older run goes on, the younger one ends here untouched.
  const { items } = await runs.listRuns(
    {
      kind: 'failover',
      environment: t.run.environment,
      state: ACTIVE_STATES,
    },
    { limit: 20 },
  );
  const other = items.find(
    r =>
      r.id !== t.run.id &&
      (r.state !== 'approved' ||
        r.createdAt < t.run.createdAt ||
        (r.createdAt === t.run.createdAt && r.id < t.run.id)),
  );
  if (other) {
    await t.transition(
      'aborted',
      `failover test ${other.id} is already active in ${t.run.environment}; nothing was changed`,
      { endedAt: t.now },
    );
    return;
  }
  const refused = await t.policyAtStart?.();
  if (refused) {
    await t.transition(
      'aborted',
      `refused by policy at start: ${refused}; nothing was changed`,
      { endedAt: t.now },
    );
    return;
  }
  const { target, method } = t.run.params as unknown as FailoverRunParams;
  await t.transition(
    'starting',
    `cutting the primary ${target.primary.region} (${method})`,
  );
}
