import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { isCalendarDate } from '../../schema/requests';
import { stopConditionSchema } from '../chaos/stopConditionGrammar';

/*
 * Request shapes only: types, sizes, unknown fields. The rules (production
 * only, 8 hours, 30 days, 10%, known experiments) are the service's, so they
 * are applied and audited the same way whoever calls it.
 */

const isoInstant = z
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

const region = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'expected an Azure region name');

const experimentId = z
  .string()
  .max(300)
  .regex(
    /^[A-Za-z]+\/[a-z0-9-]+\/[a-z0-9.-]+$/,
    'expected a library id <Kind>/<namespace>/<name>',
  );

const comment = z.string().trim().min(1, 'must not be empty').max(2000);

export const createWindowBody = z
  .object({
    environment: z.enum(['staging', 'production']),
    startsAt: isoInstant,
    endsAt: isoInstant,
    reason: comment,
    limits: z
      .object({
        experiments: z.array(experimentId).max(50),
        regions: z.array(region).max(16),
        maxFraction: z.number(),
        stopConditions: z.array(stopConditionSchema).max(20),
      })
      .strict(),
  })
  .strict();

const WINDOW_STATES = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'expired',
] as const;

export const listWindowsQuery = z
  .object({
    environment: z.enum(['staging', 'production']).optional(),
    /** Comma-separated states. */
    state: z
      .string()
      .max(100)
      .transform(v => v.split(',').filter(Boolean))
      .pipe(z.array(z.enum(WINDOW_STATES)))
      .optional(),
    /** Windows overlapping [from, to). */
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const windowParams = z.object({
  id: z.string().uuid('expected a window id'),
});

export const decisionBody = z.object({ comment }).strict();

export const cancelBody = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .strict();

/**
 * Validates request input; the 400 names the offending field by its full
 * path (`limits.regions.0`, or `limits.foo` for an unknown nested field).
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: 'field' | 'query parameter' | 'path parameter',
): T {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const path = issue.path.map(String);
  const field =
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(k => [...path, k].join('.')).join(', ')
      : path.join('.') || '(body)';
  throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
}
