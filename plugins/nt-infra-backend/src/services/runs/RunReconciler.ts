import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RunState } from '@internal/plugin-nt-infra-common';
import { randomUUID } from 'node:crypto';
import { HaltStore } from '../../database/HaltStore';
import { RunStore } from '../../database/RunStore';
import { RunPolicy } from '../policy';
import { RunTelemetry } from '../telemetry';
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
 * run is driven by one of them, the same one from tick to tick; a replica
 * that dies leaves its leases to expire and another (or itself after
 * restart) picks the runs up.
 */
export class RunReconciler {
  private readonly owner: string;
  private readonly handlers: Map<string, RunHandler>;
  /** Set while the database cannot be read (an outage, a restart). */
  private degradedSince?: Date;
  private released = false;
  private inFlight?: Promise<number>;

  constructor(
    private readonly options: {
      runs: RunStore;
      halt: HaltStore;
      handlers: RunHandler[];
      logger: LoggerService;
      /** Evaluated again when a run starts and on every tick while it runs. */
      policy?: Pick<
        RunPolicy,
        'atStart' | 'auditRefusedStart' | 'whileRunning' | 'recheckBlastRadius'
      >;
      /** Longer than the slowest tick, so a lease is never taken mid-tick. */
      leaseMs?: number;
      batchSize?: number;
      now?: () => Date;
      owner?: string;
      /** Spans per tick and per run, run counters, the reconciler's health. */
      telemetry?: RunTelemetry;
    },
  ) {
    this.owner = options.owner ?? `reconciler-${randomUUID()}`;
    this.handlers = new Map(options.handlers.map(h => [h.kind, h]));
  }

  /** One pass over the active runs; returns how many were advanced. */
  async tick(): Promise<number> {
    if (this.released) return 0;
    const { telemetry } = this.options;
    this.inFlight = telemetry ? telemetry.tick(() => this.pass()) : this.pass();
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
  }

  /**
   * For a replica shutting down: finishes the pass in progress, ticks no more, and gives its
   * leases up so another replica drives its runs at once instead of after the lease expires.
   */
  async release(): Promise<void> {
    this.released = true;
    await this.inFlight?.catch(() => undefined);
    try {
      await this.options.runs.releaseLeases(this.owner);
    } catch (error) {
      // Shutting down with the database already gone: the leases expire instead.
      this.options.logger.warn(
        `Run reconciler could not release its leases (${error}); they expire after the lease time`,
      );
    }
  }

  private async pass(): Promise<number> {
    const { runs, halt, logger } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    let halted: boolean;
    let ids: string[];
    try {
      halted = (await halt.get()).engaged;
      ids = await runs.claimRuns({
        owner: this.owner,
        states: ACTIVE_STATES,
        now,
        leaseMs: this.options.leaseMs ?? 30_000,
        limit: this.options.batchSize ?? 50,
      });
    } catch (error) {
      // The scheduler keeps a failed task's error to itself: say it here,
      // once per outage, so an operator sees why runs stopped moving.
      if (!this.degradedSince) {
        this.degradedSince = now;
        logger.warn(
          `Run reconciler degraded: cannot read or lease runs (${error}); active runs wait and are retried every tick`,
        );
      }
      throw error;
    }
    if (this.degradedSince) {
      logger.info(
        `Run reconciler recovered after ${
          now.getTime() - this.degradedSince.getTime()
        } ms degraded`,
      );
      this.degradedSince = undefined;
    }
    await Promise.all(
      ids.map(async id => {
        try {
          await this.advance(id, now, halted);
        } catch (error) {
          // The run stays active and is retried next tick: cleanup must not give up.
          if (!(error instanceof ConflictError)) {
            logger.warn(`Run ${id}: tick failed, will retry: ${error}`);
          }
        }
        // The lease is kept, and renewed by the next claim: a handler holds
        // per-run state in memory (stop-condition durations, failover
        // samples not yet written), so a run stays with the replica that
        // drives it until that replica stops (release) or dies (expiry).
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
    const clock = this.options.now ?? (() => new Date());
    const { telemetry, policy } = this.options;
    const tick = () =>
      handler.tick({
        run,
        now,
        halted,
        haltEngaged: async () => (await this.options.halt.get()).engaged,
        policyAtStart:
          policy &&
          (async () => {
            const refused = await policy.atStart(run);
            if (refused) await policy.auditRefusedStart(run, refused);
            return refused;
          }),
        recheckBlastRadius: policy && (r => policy.recheckBlastRadius(r)),
        policyStop: policy?.whileRunning(run, now),
        transition: async (to, reason, extra) => {
          // Stamped when it happens: a tick can outlast a halt-all.
          await runs.transition(
            id,
            { from: [run.state], to, actor: 'nt-infra', reason, ...extra },
            clock(),
          );
          telemetry?.transitioned(run, to, extra?.outcome);
        },
        saveOutcome: patch => runs.updateOutcome(id, patch),
      });
    await (telemetry ? telemetry.advance(run, tick) : tick());
  }
}
