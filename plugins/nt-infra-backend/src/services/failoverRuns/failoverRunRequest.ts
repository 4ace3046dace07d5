import { failoverTestRequest } from '@internal/plugin-nt-infra-common';
import { z } from 'zod';

// The request schemas are the contract's (plugins/nt-infra-common/src/schema).
export {
  failoverTestRequest as failoverRunRequest,
  failoverAbortBody as abortBody,
} from '@internal/plugin-nt-infra-common';

/** A failover test request after parsing: defaults applied. */
export type FailoverRunRequest = z.infer<typeof failoverTestRequest>;
