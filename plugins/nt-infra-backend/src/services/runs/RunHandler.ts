import { RunDetail, RunKind, RunState } from '@internal/plugin-nt-infra-common';
import { RunPolicy } from '../policy';

/** What a handler may do with the run it is given on a reconciler tick. */
export interface RunTick {
  run: RunDetail;
  now: Date;
  /** True while the halt-all switch is engaged: stop and clean up. */
  halted: boolean;
  /**
   * Reads the switch again, now: it may have been pulled since the tick
   * began, and a handler about to create a fault must not act on a stale
   * `halted`.
   */
  haltEngaged?(): Promise<boolean>;
  /**
   * The run policy again, for a run about to start: why it must not (halt,
   * its production window gone, its error budget spent), or undefined.
   * Called before anything is applied.
   */
  policyAtStart?(): Promise<string | undefined>;
  /** The run policy's blast-radius re-check at start (chaos runs pin what it returns). */
  recheckBlastRadius?: RunPolicy['recheckBlastRadius'];
  /**
   * Set when the run policy says a running run must stop now (its
   * production window has ended): stop and undo it, with this reason.
   */
  policyStop?: string;
  /**
   * Moves the run from its current state (as read for this tick) to `to`.
   * Throws ConflictError when someone else moved it meanwhile.
   */
  transition(
    to: RunState,
    reason: string,
    extra?: {
      details?: Record<string, unknown>;
      outcome?: Record<string, unknown>;
      startedAt?: Date;
      endedAt?: Date;
      /** A start: refused (HaltEngagedError) once halt-all is engaged. */
      unlessHalted?: boolean;
    },
  ): Promise<void>;
  /** Merges into the run's stored outcome, e.g. what was applied, for cleanup after a crash. */
  saveOutcome(patch: Record<string, unknown>): Promise<void>;
}

/**
 * The state machine of one kind of run. `tick` is called by the reconciler
 * for every leased, non-terminal run and must be idempotent: after a crash
 * the same tick may run again, so it reads what it did from the run's
 * outcome rather than from memory. Cleanup is part of the machine: a run
 * only reaches a terminal state once every effect it had is undone.
 */
export interface RunHandler {
  kind: RunKind;
  tick(tick: RunTick): Promise<void>;
}
