import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RunState } from '@internal/plugin-nt-infra-common';
import { randomUUID } from 'node:crypto';
import { HaltStore } from '../../database/HaltStore';
import { RunStore } from '../../database/RunStore';
import { RunHandler } from './RunHandler';

/** States the reconciler drives; pending-approval waits for a person. */
export const ACTIVE_STATES: RunState[] = [
  'approved',
  'starting',
  'running',
  'stopping',
];

/**
 * Advances every active run by one step per tick. Runs are leased in the
 * database, so any number of backend replicas may tick concurrently and each
 * run is driven by one of them; a replica that dies leaves its leases to
 * expire and another (or itself after restart) picks the runs up.
 */
export class RunReconciler {
  private readonly owner: string;
  private readonly handlers: Map<string, RunHandler>;

  constructor(
    private readonly options: {
      runs: RunStore;
      halt: HaltStore;
      handlers: RunHandler[];
      logger: LoggerService;
      /** Longer than the slowest tick, so a lease is never taken mid-tick. */
      leaseMs?: number;
      batchSize?: number;
      now?: () => Date;
      owner?: string;
    },
  ) {
    this.owner = options.owner ?? `reconciler-${randomUUID()}`;
    this.handlers = new Map(options.handlers.map(h => [h.kind, h]));
  }

  /** One pass over the active runs; returns how many were advanced. */
  async tick(): Promise<number> {
    const { runs, halt, logger } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const halted = (await halt.get()).engaged;
    const ids = await runs.claimRuns({
      owner: this.owner,
      states: ACTIVE_STATES,
      now,
      leaseMs: this.options.leaseMs ?? 30_000,
      limit: this.options.batchSize ?? 50,
    });
    await Promise.all(
      ids.map(async id => {
        try {
          await this.advance(id, now, halted);
        } catch (error) {
          // The run stays active and is retried next tick: cleanup must not give up.
          if (!(error instanceof ConflictError)) {
            logger.warn(`Run ${id}: tick failed, will retry: ${error}`);
          }
        } finally {
          await runs.releaseRun(id, this.owner).catch(() => undefined);
        }
      }),
    );
    return ids.length;
  }

  private async advance(id: string, now: Date, halted: boolean) {
    const { runs } = this.options;
    const run = await runs.getRun(id);
    if (!run || !ACTIVE_STATES.includes(run.state)) {
      return;
    }
    const handler = this.handlers.get(run.kind);
    if (!handler) {
      throw new Error(`no handler for runs of kind '${run.kind}'`);
    }
    await handler.tick({
      run,
      now,
      halted,
      transition: async (to, reason, extra) => {
        await runs.transition(
          id,
          { from: [run.state], to, actor: 'nt-infra', reason, ...extra },
          now,
        );
      },
      saveOutcome: patch => runs.updateOutcome(id, patch),
    });
  }
}
