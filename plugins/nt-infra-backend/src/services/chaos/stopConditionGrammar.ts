import { InputError } from '@backstage/errors';
import { StopCondition } from '@internal/plugin-nt-infra-common';
import { z } from 'zod';
import { goDurationMs } from './goDuration';

/*
 * The one closed grammar of a stop condition. The watcher splices the metric
 * into PromQL (`<metric>{region="…"}`), so only a plain metric name can be
 * watched; everything that accepts a stop condition (windows, templates,
 * actions, the watcher itself) checks it here, so a condition that was
 * accepted can always be watched, and one that cannot is refused when it is
 * submitted instead of silently disabling the run's stop conditions later.
 */

export const STOP_CONDITION_OPS = ['>', '>=', '<', '<='] as const;

/** A Prometheus metric name (recording rules included), nothing more. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const MAX_METRIC_NAME_LENGTH = 256;
export const METRIC_NAME_MESSAGE =
  'must be a Prometheus metric name such as ntai:slo_burn_rate:5m, not a PromQL expression';
export const FOR_MESSAGE = "must be a Go duration such as '1m' or '30s'";

export function isStopConditionMetric(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_METRIC_NAME_LENGTH &&
    METRIC_NAME.test(value)
  );
}

export function isStopConditionFor(value: unknown): value is string {
  return goDurationMs(value) !== undefined;
}

/** A condition the watcher can evaluate, with its `for` in milliseconds. */
export interface ParsedStopCondition {
  condition: StopCondition;
  forMs: number;
}

/** The first field of `value` outside the grammar, or undefined when it is a stop condition. */
export function stopConditionProblem(
  value: unknown,
): { field: keyof StopCondition | '(condition)'; message: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      field: '(condition)',
      message: 'expected {metric, op, threshold, for}',
    };
  }
  const c = value as Record<string, unknown>;
  if (!isStopConditionMetric(c.metric)) {
    return { field: 'metric', message: METRIC_NAME_MESSAGE };
  }
  if (!(STOP_CONDITION_OPS as readonly unknown[]).includes(c.op)) {
    return {
      field: 'op',
      message: `expected one of ${STOP_CONDITION_OPS.join(' ')}`,
    };
  }
  if (typeof c.threshold !== 'number' || !Number.isFinite(c.threshold)) {
    return { field: 'threshold', message: 'expected a finite number' };
  }
  if (!isStopConditionFor(c.for)) {
    return { field: 'for', message: FOR_MESSAGE };
  }
  return undefined;
}

/**
 * Parses one stop condition; an InputError names the field, under `at`
 * (e.g. `limits.stopConditions.0`), when it is outside the grammar.
 */
export function parseStopCondition(
  value: unknown,
  at: string = 'stopCondition',
): ParsedStopCondition {
  const problem = stopConditionProblem(value);
  if (problem) {
    const field =
      problem.field === '(condition)' ? at : `${at}.${problem.field}`;
    throw new InputError(`Invalid field '${field}': ${problem.message}`);
  }
  const condition = value as StopCondition;
  return {
    condition: {
      metric: condition.metric,
      op: condition.op,
      threshold: condition.threshold,
      for: condition.for,
    },
    forMs: goDurationMs(condition.for)!,
  };
}

/** The request schema of one stop condition, for the routes' zod schemas. */
export const stopConditionSchema = z
  .object({
    metric: z
      .string()
      .max(MAX_METRIC_NAME_LENGTH)
      .regex(METRIC_NAME, METRIC_NAME_MESSAGE),
    op: z.enum(STOP_CONDITION_OPS),
    threshold: z.number().finite(),
    for: z.string().max(32).refine(isStopConditionFor, FOR_MESSAGE),
  })
  .strict();
