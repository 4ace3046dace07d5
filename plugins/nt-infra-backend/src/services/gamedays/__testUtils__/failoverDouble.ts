import { createHash } from 'node:crypto';
import { DatabaseRunStore } from '../../../database/DatabaseRunStore';
import { RunHandler } from '../../runs/RunHandler';
import { StartFailover } from '../types';

/**
 * Stands in for FailoverRunService, which is being built elsewhere: the one
 * function GameDays call (an idempotent start creating a `failover` run) and
 * a machine that ends such runs after `runMs` with a measurement, so the
 * GameDay's side of a failover step (child run, waiting, report) is tested
 * for real. Replace with the real service once it exists.
 */
export function failoverDouble(options: { runMs: number }) {
  const startFailover =
    (runs: DatabaseRunStore): StartFailover =>
    async (request, requestedBy, idempotencyKey) =>
      runs.createRun(
        {
          kind: 'failover',
          environment: request.environment,
          regions: [request.fromRegion],
          title: `Failover test from ${request.fromRegion}`,
          requestedBy,
          params: { ...request },
          state: 'approved',
          reason: 'failover test requested by a GameDay',
        },
        {
          key: idempotencyKey,
          operation: 'failover.run',
          requestHash: createHash('sha256')
            .update(JSON.stringify(request))
            .digest('hex'),
        },
      );
  const handler: RunHandler = {
    kind: 'failover',
    async tick(t) {
      if (t.run.state === 'approved') {
        await t.transition('running', 'primary cut', { startedAt: t.now });
      } else if (t.run.state === 'running') {
        const started = Date.parse(t.run.startedAt!);
        if (t.now.getTime() >= started + options.runMs) {
          await t.transition('completed', 'primary restored', {
            endedAt: t.now,
            outcome: {
              measurement: { detectionSeconds: 25, rtoSeconds: 85 },
              verdict: 'within RTO',
            },
          });
        }
      } else if (t.run.state === 'stopping') {
        await t.transition('aborted', 'stopped', { endedAt: t.now });
      }
    },
  };
  return { startFailover, handler };
}
