import { z } from 'zod';
import { environmentName, isoInstant, regionName } from './primitives';

/** Every state of the run state machine. @public */
export const RUN_STATES = [
  'pending-approval',
  'approved',
  'starting',
  'running',
  'stopping',
  'completed',
  'rolled-back',
  'aborted',
  'failed',
  'rejected',
] as const;

/** @public */
export const RUN_KINDS = ['chaos', 'failover', 'gameday'] as const;

/** Query of `GET /runs`; `state` is comma-separated on the wire. @public */
export const runsQuery = z
  .object({
    kind: z.enum(RUN_KINDS).optional(),
    environment: environmentName.optional(),
    region: regionName.optional(),
    entityRef: z.string().min(1).max(512).optional(),
    /** Comma-separated states. */
    state: z
      .string()
      .max(200)
      .transform(v => v.split(',').filter(Boolean))
      .pipe(z.array(z.enum(RUN_STATES)))
      .optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
