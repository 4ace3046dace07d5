import { z } from 'zod';
import { environmentName, regionName } from './primitives';

/** A route that takes no query parameters. @public */
export const noQuery = z.object({}).strict();

/** `?environment=` of `GET /regions`, `/traffic`, `/delivery`. @public */
export const environmentQuery = z
  .object({ environment: environmentName.optional() })
  .strict();

/** Path parameters of `GET /regions/:environment/:region/slis`. @public */
export const sliSeriesParams = z.object({
  environment: environmentName,
  region: regionName,
});

/** Ranges the panels offer; a closed set keeps the cache bounded. @public */
export const SLI_RANGES_MINUTES = [15, 60, 180, 360, 1440] as const;

/** @public */
export const sliSeriesQuery = z
  .object({
    minutes: z.coerce
      .number()
      .int()
      .refine(m => (SLI_RANGES_MINUTES as readonly number[]).includes(m), {
        message: `expected one of ${SLI_RANGES_MINUTES.join(', ')}`,
      })
      .default(60),
  })
  .strict();

/** How an audited decision ended, as stored and as `GET /audit?decision=` filters. @public */
export const AUDIT_DECISIONS = ['allowed', 'denied', 'recorded'] as const;

/** Query of `GET /audit`. @public */
export const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
    actor: z.string().min(1).max(512).optional(),
    targetType: z.string().min(1).max(64).optional(),
    targetId: z.string().min(1).max(512).optional(),
    decision: z.enum(AUDIT_DECISIONS).optional(),
  })
  .strict();
