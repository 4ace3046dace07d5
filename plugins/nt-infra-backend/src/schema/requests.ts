import { InputError } from '@backstage/errors';
import { z } from 'zod';

const environment = z.enum(['staging', 'production']);

export const noQuery = z.object({}).strict();

export const environmentQuery = z
  .object({ environment: environment.optional() })
  .strict();

export const sliSeriesParams = z.object({
  environment,
  region: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'expected an Azure region name'),
});

/** Ranges the panels offer; a closed set keeps the cache bounded. */
export const SLI_RANGES_MINUTES = [15, 60, 180, 360, 1440] as const;

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

const RUN_STATES = [
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

/**
 * Whether an ISO 8601 text's date exists: `Date.parse` rolls 2030-02-30 over
 * to March 2 instead of refusing it.
 */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isoInstant = z
  .string()
  .max(40)
  .refine(
    v => !Number.isNaN(Date.parse(v)) && isCalendarDate(v),
    'expected an ISO 8601 instant',
  );

export const runsQuery = z
  .object({
    kind: z.enum(['chaos', 'failover', 'gameday']).optional(),
    environment: environment.optional(),
    region: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected an Azure region name')
      .optional(),
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

export const runParams = z.object({ id: z.string().uuid('expected a run id') });

export const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(20).optional(),
    actor: z.string().min(1).max(512).optional(),
    targetType: z.string().min(1).max(64).optional(),
    targetId: z.string().min(1).max(512).optional(),
  })
  .strict();

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a JSON value carries a key that would reach a prototype if it were
 * merged. zod drops `__proto__` silently from the objects it builds, so
 * free-form input (templates, manifests) is checked as received.
 */
export function hasPollutingKey(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 64) {
    return depth > 64;
  }
  return Object.keys(value).some(
    key =>
      POLLUTING_KEYS.has(key) ||
      hasPollutingKey((value as Record<string, unknown>)[key], depth + 1),
  );
}

/** Free-form JSON objects (templates, manifests): no `__proto__`, `constructor` or `prototype` keys at any depth. */
export const noPollutingKeys = z.custom<unknown>(
  v => !hasPollutingKey(v),
  'must not contain the keys __proto__, constructor or prototype',
);

/** Validates request input; the 400 names the offending field. */
export function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.join('.') ||
          (where.includes('body') ? '(body)' : '(value)');
    throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
  }
  return result.data;
}

/** Validates one request header; the 400 names the header, e.g. `Idempotency-Key`. */
export function parseHeader<T>(
  schema: z.ZodType<T>,
  req: { header(name: string): string | undefined },
  name: string,
): T {
  return parse(
    z.object({ [name]: schema }),
    { [name]: req.header(name) },
    'header',
  )[name] as T;
}
