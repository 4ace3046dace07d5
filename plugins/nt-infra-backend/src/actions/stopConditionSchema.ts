import { z } from 'zod/v3';

/** A stop condition as the experiments and windows state it. */
export const stopConditionSchema = z.object({
  metric: z.string().describe('A recording rule, e.g. ntai:slo_burn_rate:5m'),
  op: z.enum(['>', '>=', '<', '<=']),
  threshold: z.number(),
  for: z.string().describe('Go duration, e.g. 1m'),
});
