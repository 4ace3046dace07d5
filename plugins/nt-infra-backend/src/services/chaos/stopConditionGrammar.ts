import { InputError } from '@backstage/errors';
import {
  FOR_MESSAGE,
  MAX_METRIC_NAME_LENGTH,
  METRIC_NAME_MESSAGE,
  STOP_CONDITION_METRIC,
  STOP_CONDITION_OPS,
  StopCondition,
  stopConditionSchema,
} from '@internal/plugin-nt-infra-common';
import { goDurationMs } from './goDuration';

/*
 * The grammar itself is the contract's (nt-infra-common, stopConditions.ts);
 * this adds what the server needs on top: parsing for the watcher and the
 * first offending field for errors that name it.
 */

export function isStopConditionMetric(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_METRIC_NAME_LENGTH &&
    STOP_CONDITION_METRIC.test(value)
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

export { stopConditionSchema };
