export { WorldClock } from './WorldClock';
export type { TimerHandle, WorldClockOptions } from './WorldClock';
export { SeededRandom } from './random';
