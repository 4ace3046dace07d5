export { ResilienceService, entityEnvironments } from './ResilienceService';
export {
  computeResilienceScore,
  resilienceTrend,
  WEIGHTS,
  WEIGHT_REASONS,
  WINDOW_DAYS,
} from './resilienceScore';
export type { RecoveryTargets, ResilienceInput } from './resilienceScore';
