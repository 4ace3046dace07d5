import { EnvironmentName } from './types';

/**
 * Body of `POST /gamedays`: run a scenario of the repository's `gamedays/`.
 * @public
 */
export interface GameDayRequest {
  /** The scenario's name (its file in `gamedays/` without `.yaml`). */
  scenario: string;
  /** When given, must be the scenario's: the caller says what they expect to hit. */
  environment?: EnvironmentName;
  entityRef?: string;
}
