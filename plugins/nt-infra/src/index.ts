/**
 * The nt-infra frontend plugin.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { ntInfraApiRef, NtInfraClient } from './api';
export type { NtInfraApi } from './api';
export { createResilienceColumn } from './components/ResilienceScoreCard/resilienceColumn';
export type { ResilienceColumnRow } from './components/ResilienceScoreCard/resilienceColumn';
