import { z } from 'zod/v3';
import {
  FOR_MESSAGE,
  GO_DURATION,
  MAX_METRIC_NAME_LENGTH,
  METRIC_NAME_MESSAGE,
  STOP_CONDITION_METRIC,
  STOP_CONDITION_OPS,
} from '@internal/plugin-nt-infra-common';

/**
 * A stop condition as the experiments and windows state it, in the actions
 * registry's zod: the same grammar as the routes and the watcher
 * (nt-infra-common's stopConditions), so a tool call cannot store a
 * condition the watcher would refuse.
 */
export const stopConditionSchema = z.object({
  metric: z
    .string()
    .max(MAX_METRIC_NAME_LENGTH)
    .regex(STOP_CONDITION_METRIC, METRIC_NAME_MESSAGE)
    .describe('A recording rule, e.g. ntai:slo_burn_rate:5m'),
  op: z.enum(STOP_CONDITION_OPS),
  threshold: z.number().finite(),
  for: z
    .string()
    .regex(GO_DURATION, FOR_MESSAGE)
    .describe('Go duration, e.g. 1m'),
});
