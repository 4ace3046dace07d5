/**
 * The nt-infra frontend plugin.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { ntInfraApiRef, NtInfraClient } from './api';
export type { NtInfraApi } from './api';
