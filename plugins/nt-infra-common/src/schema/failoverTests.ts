import { z } from 'zod';
import { environmentName, regionName } from './primitives';

/** How a failover test takes the primary out. @public */
export const PRIMARY_CUT_METHODS = ['disable-endpoint', 'unhealthy'] as const;

/** Body of `POST /failover-tests`; durations in seconds of the backend's clock. @public */
export const failoverTestRequest = z
  .object({
    environment: environmentName,
    fromRegion: regionName,
    method: z.enum(PRIMARY_CUT_METHODS).default('disable-endpoint'),
    // Hold-down 0 is allowed: a test may give the primary back at once.
    holdDownSeconds: z.number().int().min(0).max(3600).optional(),
    rtoTargetSeconds: z.number().positive().max(86_400).optional(),
    rpoTargetSeconds: z.number().positive().max(86_400).optional(),
  })
  .strict();

/** Body of `POST /failover-tests/:id/abort`: scripts rarely have a reason. @public */
export const failoverAbortBody = z
  .object({ reason: z.string().trim().min(1).max(1000).optional() })
  .strict();
