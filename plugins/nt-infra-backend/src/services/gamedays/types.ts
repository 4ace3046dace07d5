import { EnvironmentName, Run } from '@internal/plugin-nt-infra-common';
import { ChaosRunRequest } from '../chaosRuns/chaosRunRequest';
import { LibraryScenario } from './GameDayScenarios';
import { ScenarioStep } from './scenario';

/** Body of `POST /gamedays`, shared with the frontend. */
export type { GameDayRequest } from '@internal/plugin-nt-infra-common';

/**
 * What a failover step asks of the failover-test service: the fields of
 * `POST /failover-tests` a scenario sets, so FailoverRunService.start takes
 * it as it is (its hold-down and targets stay the configured defaults).
 */
export interface GameDayFailoverRequest {
  environment: EnvironmentName;
  /** The region taken out (the primary of the test). */
  fromRegion: string;
  method: 'disable-endpoint' | 'unhealthy';
}

/** Starts a chaos run; ChaosRunService.start. */
export type StartChaos = (
  request: ChaosRunRequest,
  requestedBy: string,
  idempotencyKey: string,
) => Promise<{ run: Run; created: boolean }>;

/**
 * Starts a failover test (a run of kind `failover`); FailoverRunService's
 * start, adapted to this request by whoever wires the plugin. The same key
 * from the same requester must return the same run.
 */
export type StartFailover = (
  request: GameDayFailoverRequest,
  requestedBy: string,
  idempotencyKey: string,
) => Promise<{ run: Run; created: boolean }>;

/** What a GameDay stores in `runs.params`: the scenario as it was at start. */
export interface GameDayParams {
  /** A snapshot: editing the file later does not change a GameDay under way. */
  scenario: LibraryScenario;
  entityRef?: string;
}

/** What a GameDay accumulates in `runs.outcome`. */
export interface GameDayOutcome {
  /** Set when someone (or halt-all) aborts it: the machine goes to `stopping`. */
  ending?: 'aborted';
  endingReason?: string;
  verdict?: 'passed' | 'failed' | 'aborted';
  failedSteps?: string[];
}

export type GameDayStepState =
  | 'pending'
  | 'running'
  | 'passed'
  | 'failed'
  | 'skipped';

export const TERMINAL_STEP_STATES: readonly string[] = [
  'passed',
  'failed',
  'skipped',
];

/** One region's readings of a check step. */
export interface RegionReadings {
  query: string;
  samples: number;
  min?: number;
  max?: number;
  last?: number;
  /** ISO time of the last sample (the metrics system's clock). */
  lastAt?: string;
  /** Reads that returned no sample, NaN, or failed. */
  missing: number;
  lastMissing?: string;
}

/** The SLI evidence of a check step. */
export interface CheckEvidence {
  metric: string;
  op: string;
  threshold: number;
  over: string;
  regions: Record<string, RegionReadings>;
  /** The first reading that broke the assertion. */
  violation?: { region: string; value: number; at: string };
}

/** What each step stores in `run_steps.details`. */
export interface GameDayStepDetails {
  type: ScenarioStep['type'];
  /** The chaos or failover run the step started. */
  childRunId?: string;
  childKind?: 'chaos' | 'failover';
  /** Set once the portal asked the child to stop (timeout or abort). */
  stopRequested?: string;
  evidence?: CheckEvidence;
  /** Why the step failed or was skipped. */
  error?: string;
}
