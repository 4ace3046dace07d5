import type { ChangeRequestState } from './gitops';
import type { RunKind, RunState } from './runs';
import type { WindowState } from './windows';

/*
 * Live updates. The backend publishes one Backstage signal per persisted
 * change; a signal only says what changed, the view then re-reads the route
 * it shows, so the signal never has to carry (or be trusted with) the data
 * a permission guards.
 */

/** Channels of `@backstage/plugin-signals`. @public */
export const ntInfraSignalChannels = {
  /** Every run's creation and transition. */
  runs: 'nt-infra:runs',
  /** One run: its transitions, steps and notes. */
  run: (id: string) => `nt-infra:run:${id}`,
  /** Production windows: requested, decided, cancelled, expired. */
  windows: 'nt-infra:windows',
  /** GitOps change requests: opened and each transition. */
  gitops: 'nt-infra:gitops',
  /** The halt-all switch: engaged or released. */
  halt: 'nt-infra:halt',
} as const;

/** What changed in a run. @public */
export interface RunSignal {
  type: 'run';
  id: string;
  /** Absent on a `progress` change, which leaves the run's state as it was. */
  kind?: RunKind;
  state?: RunState;
  /**
   * `created`, `transition` (state changed) or `progress` (a GameDay step or
   * note, or a measurement recorded in the run's outcome).
   */
  change: 'created' | 'transition' | 'progress';
  at: string;
}

/** What changed in a window. @public */
export interface WindowSignal {
  type: 'window';
  id: string;
  state: WindowState;
  at: string;
}

/** What changed in a change request. @public */
export interface ChangeRequestSignal {
  type: 'change-request';
  id: string;
  state: ChangeRequestState;
  at: string;
}

/** The halt-all switch changed. @public */
export interface HaltSignal {
  type: 'halt';
  engaged: boolean;
  at: string;
}

/** Any nt-infra signal message. @public */
export type NtInfraSignal =
  | RunSignal
  | WindowSignal
  | ChangeRequestSignal
  | HaltSignal;
