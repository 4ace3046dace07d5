export { ntInfraApiRef } from './NtInfraApi';
export type {
  ChangesQuery,
  ChangesResponse,
  HaltResult,
  NtInfraApi,
  RunsQuery,
  WindowsQuery,
} from './NtInfraApi';
export { NtInfraClient } from './NtInfraClient';
