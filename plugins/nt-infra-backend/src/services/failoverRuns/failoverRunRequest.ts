import { z } from 'zod';

/** `POST /failover-tests`. Durations are in seconds of the backend's clock. */
export const failoverRunRequest = z
  .object({
    environment: z.enum(['staging', 'production']),
    fromRegion: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected an Azure region name'),
    method: z
      .enum(['disable-endpoint', 'unhealthy'])
      .default('disable-endpoint'),
    // Hold-down 0 is allowed: a test may give the primary back at once.
    holdDownSeconds: z.number().int().min(0).max(3600).optional(),
    rtoTargetSeconds: z.number().positive().max(86_400).optional(),
    rpoTargetSeconds: z.number().positive().max(86_400).optional(),
  })
  .strict();

export type FailoverRunRequest = z.infer<typeof failoverRunRequest>;

/** `POST /failover-tests/:id/abort`: a reason is optional, scripts rarely have one. */
export const abortBody = z
  .object({ reason: z.string().trim().min(1).max(1000).optional() })
  .strict();
