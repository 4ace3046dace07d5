export { ntInfraApiRef } from './NtInfraApi';
export type { NtInfraApi } from './NtInfraApi';
export { NtInfraClient } from './NtInfraClient';
