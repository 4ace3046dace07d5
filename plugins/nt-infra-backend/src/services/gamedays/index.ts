export { createGameDays } from './createGameDays';
export type { GameDays, GameDaysOptions } from './createGameDays';
export {
  GameDayScenarios,
  parseScenario,
  SCENARIOS_DIR,
} from './GameDayScenarios';
export type { LibraryScenario, ScenariosResponse } from './GameDayScenarios';
export type { GameDayReport } from './gameDayReport';
export type {
  GameDayFailoverRequest,
  GameDayRequest,
  StartFailover,
} from './types';
