import {
  EnvironmentName,
  Run,
  RunDetail,
  RunKind,
  RunState,
} from '@internal/plugin-nt-infra-common';
import { IdempotencyKey } from './IdempotencyStore';

export type { IdempotencyKey };

export interface NewRun {
  kind: RunKind;
  environment: EnvironmentName;
  regions: string[];
  title: string;
  entityRef?: string;
  experimentRef?: string;
  requestedBy: string;
  params: Record<string, unknown>;
  /** The first state, e.g. `pending-approval` in production. */
  state: RunState;
  reason: string;
}

export interface RunFilter {
  kind?: RunKind;
  environment?: EnvironmentName;
  region?: string;
  entityRef?: string;
  state?: RunState[];
  /** Created at or after / before these ISO 8601 instants. */
  from?: string;
  to?: string;
}

export interface TransitionRequest {
  /** The transition only happens from one of these states. */
  from: RunState[];
  to: RunState;
  /** Refused with HaltEngagedError when halt-all is engaged, read under its lock (a start). */
  unlessHalted?: boolean;
  actor: string;
  reason: string;
  details?: Record<string, unknown>;
  outcome?: Record<string, unknown>;
  startedAt?: Date;
  endedAt?: Date;
}

/** A step of a multi-step run (GameDay): its row in `run_steps`. */
export interface StepUpdate {
  seq: number;
  name: string;
  /** e.g. pending, running, passed, failed, skipped (the run kind defines them). */
  state: string;
  /** Replaces the stored details when given; kept otherwise. */
  details?: Record<string, unknown>;
  /** Set when given; kept otherwise (a later update never clears them). */
  startedAt?: Date;
  endedAt?: Date;
}

/** Durable runs: rows with explicit states and an append-only timeline. */
export interface RunStore {
  createRun(
    run: NewRun,
    idempotency?: IdempotencyKey,
    at?: Date,
  ): Promise<{ run: Run; created: boolean }>;
  getRun(id: string): Promise<RunDetail | undefined>;
  listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Run[]; nextCursor?: string }>;
  /** Throws ConflictError when the run is not in one of `from` (someone else moved it). */
  transition(id: string, change: TransitionRequest, at?: Date): Promise<Run>;
  /** Merges `patch` into the run's outcome without changing its state. */
  updateOutcome(id: string, patch: Record<string, unknown>): Promise<void>;
  /**
   * Leases up to `limit` runs in `states` whose lease is free or expired (or
   * already ours) to `owner` until `now + leaseMs`: any number of replicas may
   * reconcile, each run is driven by one at a time.
   */
  claimRuns(options: {
    owner: string;
    states: RunState[];
    now: Date;
    leaseMs: number;
    limit: number;
  }): Promise<string[]>;
  /** Gives up every lease `owner` holds (a replica shutting down), so another takes over at once. */
  releaseLeases(owner: string): Promise<void>;
  /** Ids of runs in `states`, oldest first (for halt-all and expiry sweeps). */
  runIdsInStates(states: RunState[]): Promise<string[]>;
  /**
   * Creates the step row or updates it in place. Notes are never touched
   * here: they are appended by people while the run engine updates the
   * step, and an update must not drop a note written meanwhile.
   */
  upsertStep(runId: string, step: StepUpdate): Promise<void>;
  /**
   * Appends one line to the step's notes in a single statement (no
   * read-modify-write, so concurrent writers keep each other's lines).
   * False when the step does not exist; ConflictError when its notes are full.
   */
  appendStepNote(runId: string, seq: number, line: string): Promise<boolean>;
}
