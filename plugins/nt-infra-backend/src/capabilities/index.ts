export { createGameDays } from './createGameDays';
export type { GameDays, GameDaysOptions } from './createGameDays';
export { createGitOps } from './createGitOps';
export { createDelivery } from './createDelivery';
export { createResilience } from './createResilience';
export { createSchedules } from './createSchedules';
export { createWindows } from './createWindows';
