import { z } from 'zod';
import {
  ENTITY_REF_PATTERN,
  environmentName,
  noPollutingKeys,
  REGION_NAME_PATTERN,
} from './primitives';

/** Parameterised experiments the portal can build. @public */
export const CHAOS_TEMPLATE_TYPES = [
  'pod-failure',
  'network-latency',
  'cpu-stress',
  'memory-stress',
  'database-throttling',
] as const;

/**
 * Body of `POST /runs/chaos` and `POST /runs/chaos/preview`: exactly one of
 * a library experiment (`experimentId`) and a `template`.
 * @public
 */
export const chaosRunRequest = z
  .object({
    environment: environmentName,
    regions: z
      .array(z.string().regex(REGION_NAME_PATTERN, 'expected region names'))
      .min(1)
      .max(10)
      .refine(r => new Set(r).size === r.length, 'regions must be unique'),
    experimentId: z.string().min(1).max(300).optional(),
    /** `{ type, workload: {namespace, name}, duration, mode, value?, stopConditions, ...type-specific }`. */
    template: noPollutingKeys
      .pipe(z.object({ type: z.enum(CHAOS_TEMPLATE_TYPES) }).passthrough())
      .optional(),
    title: z.string().trim().min(1).max(200).optional(),
    entityRef: z
      .string()
      .regex(ENTITY_REF_PATTERN, 'expected an entity ref')
      .optional(),
  })
  .strict()
  .refine(r => Boolean(r.experimentId) !== Boolean(r.template), {
    message: 'give exactly one of experimentId and template',
    path: ['experimentId'],
  });

/** Body of `POST /runs/:id/stop`. @public */
export const stopRunBody = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict();
