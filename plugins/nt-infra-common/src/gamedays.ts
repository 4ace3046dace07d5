import type { z } from 'zod';
import type { gameDayFailover, gameDayReport, gameDayRequest } from './schema';
import type { EnvironmentName } from './types';

/**
 * Body of `POST /gamedays`: run a scenario of the repository's `gamedays/`.
 * @public
 */
export type GameDayRequest = z.infer<typeof gameDayRequest>;

/**
 * One step of a scenario file. The steps' own fields differ by `type`; the
 * backend's scenario schema holds them, the contract names what every step has.
 * @public
 */
export interface GameDayScenarioStep {
  name: string;
  type: 'chaos' | 'failover' | 'wait' | 'check';
  timeout: string;
  description?: string;
  continueOnFailure?: boolean;
  [field: string]: unknown;
}

/** A scenario of the repository's `gamedays/` with the file it came from. @public */
export interface GameDayScenario {
  name: string;
  file: string;
  title: string;
  description: string;
  environment: EnvironmentName;
  regions: string[];
  observers: string[];
  cadence?: 'on-demand' | 'monthly' | 'quarterly';
  steps: GameDayScenarioStep[];
}

/** Response of `GET /gamedays/scenarios`: invalid files are listed, not hidden. @public */
export interface GameDayScenariosResponse {
  items: GameDayScenario[];
  problems: Array<{ file: string; message: string }>;
}

/** Response of `POST /gamedays/:id/notes`. @public */
export interface GameDayNote {
  seq: number;
  step: string;
  line: string;
}

/** A note of the GameDay report. @public */
export type GameDayReportNote = Omit<GameDayReport['notes'][number], 'step'>;

/**
 * Response of `GET /gamedays/:id/report?format=json`: the fields every
 * reader may rely on, inferred from the `gameDayReport` schema. The
 * backend's report extends it (definitions, evidence, transitions), so a
 * missing or retyped field fails its build.
 * @public
 */
export type GameDayReport = z.infer<typeof gameDayReport>;

/**
 * The failover test a GameDay step ran (`steps[].child.failover`).
 * @public
 */
export type GameDayFailover = z.infer<typeof gameDayFailover>;
