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
