import { z } from 'zod';

/*
 * The one closed grammar of a stop condition. The watcher splices the metric
 * into PromQL (`<metric>{region="…"}`), so only a plain metric name can be
 * watched; everything that accepts a stop condition (windows, templates,
 * actions, the watcher itself) checks it against this grammar, so a condition
 * that was accepted can always be watched.
 */

/** @public */
export const STOP_CONDITION_OPS = ['>', '>=', '<', '<='] as const;

/** A Prometheus metric name (recording rules included), nothing more. @public */
export const STOP_CONDITION_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** @public */
export const MAX_METRIC_NAME_LENGTH = 256;
/** @public */
export const METRIC_NAME_MESSAGE =
  'must be a Prometheus metric name such as ntai:slo_burn_rate:5m, not a PromQL expression';
/** @public */
export const FOR_MESSAGE = "must be a Go duration such as '1m' or '30s'";

/**
 * Go's `time.ParseDuration` grammar (what Chaos Mesh uses for `duration`),
 * unsigned: e.g. `1m30s`, `0.5h`, `0s`. @public
 */
export const GO_DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** A stop condition as a window, template or action states it. @public */
export const stopConditionSchema = z
  .object({
    metric: z
      .string()
      .max(MAX_METRIC_NAME_LENGTH)
      .regex(STOP_CONDITION_METRIC, METRIC_NAME_MESSAGE),
    op: z.enum(STOP_CONDITION_OPS),
    threshold: z.number().finite(),
    for: z.string().max(32).regex(GO_DURATION, FOR_MESSAGE),
  })
  .strict();
