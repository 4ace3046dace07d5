import { z } from 'zod';
import { environmentName, isCalendarDate, regionName } from './primitives';
import { stopConditionSchema } from './stopConditions';

/*
 * Request shapes only: types, sizes, unknown fields. The rules (production
 * only, 8 hours, 30 days, 10%, known experiments) are the service's, so they
 * are applied and audited the same way whoever calls it.
 */

const windowInstant = z
  .string()
  .max(40)
  // An explicit offset: a window must not move with the server's time zone.
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'expected an ISO 8601 instant with an offset, e.g. 2026-12-01T09:00:00Z',
  )
  .refine(
    v => !Number.isNaN(Date.parse(v)) && isCalendarDate(v),
    'expected a valid instant',
  );

const experimentId = z
  .string()
  .max(300)
  .regex(
    /^[A-Za-z]+\/[a-z0-9-]+\/[a-z0-9.-]+$/,
    'expected a library id <Kind>/<namespace>/<name>',
  );

const comment = z.string().trim().min(1, 'must not be empty').max(2000);

/** Body of `POST /windows`. @public */
export const createWindowBody = z
  .object({
    environment: environmentName,
    startsAt: windowInstant,
    endsAt: windowInstant,
    reason: comment,
    limits: z
      .object({
        experiments: z.array(experimentId).max(50),
        regions: z.array(regionName).max(16),
        maxFraction: z.number(),
        stopConditions: z.array(stopConditionSchema).max(20),
      })
      .strict(),
  })
  .strict();

/** @public */
export const WINDOW_STATES = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'expired',
] as const;

/** Query of `GET /windows`; `state` is comma-separated on the wire. @public */
export const listWindowsQuery = z
  .object({
    environment: environmentName.optional(),
    /** Comma-separated states. */
    state: z
      .string()
      .max(100)
      .transform(v => v.split(',').filter(Boolean))
      .pipe(z.array(z.enum(WINDOW_STATES)))
      .optional(),
    /** Windows overlapping [from, to). */
    from: windowInstant.optional(),
    to: windowInstant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** @public */
export const windowParams = z.object({
  id: z.string().uuid('expected a window id'),
});

/** Body of `POST /windows/:id/approve|reject`. @public */
export const decisionBody = z.object({ comment }).strict();

/** Body of `POST /windows/:id/cancel`. @public */
export const cancelBody = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .strict();
