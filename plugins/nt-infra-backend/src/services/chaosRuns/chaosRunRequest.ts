import { z } from 'zod';
import { noPollutingKeys } from '../../schema/requests';
import { TEMPLATE_TYPES } from './resolveTemplate';

/** `POST /runs/chaos` and `POST /runs/chaos/preview`: a library experiment or a template. */
export const chaosRunRequest = z
  .object({
    environment: z.enum(['staging', 'production']),
    regions: z
      .array(z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected region names'))
      .min(1)
      .max(10)
      .refine(r => new Set(r).size === r.length, 'regions must be unique'),
    experimentId: z.string().min(1).max(300).optional(),
    template: noPollutingKeys
      .pipe(z.object({ type: z.enum(TEMPLATE_TYPES) }).passthrough())
      .optional(),
    title: z.string().trim().min(1).max(200).optional(),
    entityRef: z
      .string()
      .regex(/^[a-z]+:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i, 'expected an entity ref')
      .optional(),
  })
  .strict()
  .refine(r => Boolean(r.experimentId) !== Boolean(r.template), {
    message: 'give exactly one of experimentId and template',
    path: ['experimentId'],
  });

export type ChaosRunRequest = z.infer<typeof chaosRunRequest>;

/** `Idempotency-Key` header: the same key and body from the same user give the same run. */
export const idempotencyKeyHeader = z
  .string()
  .regex(
    /^[A-Za-z0-9_.:-]{1,128}$/,
    'expected 1-128 characters of A-Z a-z 0-9 _ . : -',
  )
  .optional();
