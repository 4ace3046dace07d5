export { ResilienceScoreCard } from './ResilienceScoreCard';
export { ResilienceScoreCell } from './ResilienceScoreCell';
export { createResilienceColumn } from './resilienceColumn';
export type { ResilienceColumnRow } from './resilienceColumn';
