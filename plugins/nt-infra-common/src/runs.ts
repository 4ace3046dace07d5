import type { RUN_KINDS, RUN_STATES } from './schema';
import { EnvironmentName } from './types';

/** What a run does. @public */
export type RunKind = (typeof RUN_KINDS)[number];

/**
 * States of a run's state machine. Terminal: completed, rolled-back,
 * aborted, failed, rejected.
 * @public
 */
export type RunState = (typeof RUN_STATES)[number];

/** @public */
export const TERMINAL_RUN_STATES: readonly RunState[] = [
  'completed',
  'rolled-back',
  'aborted',
  'failed',
  'rejected',
];

/** A chaos run, failover test or GameDay, as the history lists it. @public */
export interface Run {
  id: string;
  kind: RunKind;
  environment: EnvironmentName;
  regions: string[];
  state: RunState;
  title: string;
  entityRef?: string;
  /** For chaos runs from the library: the experiment id. */
  experimentRef?: string;
  requestedBy: string;
  params: Record<string, unknown>;
  outcome?: Record<string, unknown>;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  endedAt?: string;
}

/** One timestamped state change, with who made it and why. @public */
export interface RunTransition {
  from?: RunState;
  to: RunState;
  actor: string;
  reason: string;
  at: string;
  details?: Record<string, unknown>;
}

/** A step of a multi-step run (GameDay). @public */
export interface RunStep {
  seq: number;
  name: string;
  state: string;
  notes?: string;
  details?: Record<string, unknown>;
  startedAt?: string;
  endedAt?: string;
}

/** A run with its timeline. @public */
export interface RunDetail extends Run {
  transitions: RunTransition[];
  steps: RunStep[];
}

/** Response of `GET /api/nt-infra/runs`, newest first. @public */
export interface RunsResponse {
  items: Run[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}
