export { ntInfraApiRef } from './NtInfraApi';
export type {
  HaltResult,
  NtInfraApi,
  RunsQuery,
  WindowsQuery,
} from './NtInfraApi';
export { NtInfraClient } from './NtInfraClient';
