// The request schemas are the contract's (plugins/nt-infra-common/src/schema).
export {
  chaosRunRequest,
  idempotencyKeyHeader,
} from '@internal/plugin-nt-infra-common';
export type { ChaosRunRequest } from '@internal/plugin-nt-infra-common';
