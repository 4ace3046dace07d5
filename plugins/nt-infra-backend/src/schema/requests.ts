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

const isoInstant = z
  .string()
  .max(40)
  .refine(v => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 instant');

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
        : issue.path.join('.');
    throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
  }
  return result.data;
}
