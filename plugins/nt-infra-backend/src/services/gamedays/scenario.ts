import {
  ENTITY_REF_PATTERN,
  environmentName,
  REGION_NAME_PATTERN,
  SCENARIO_NAME_PATTERN,
} from '@internal/plugin-nt-infra-common';
import { z } from 'zod';
import { goDurationMs } from '../chaos/goDuration';
import { TEMPLATE_TYPES } from '../chaosRuns/resolveTemplate';

/*
 * A GameDay scenario as written in `gamedays/*.yaml`. Every object is strict
 * (a misspelt field is an error, not silently ignored) and every string and
 * list is bounded, so a hostile or broken file costs little to reject.
 */

const NAME = SCENARIO_NAME_PATTERN;
const REGION = REGION_NAME_PATTERN;
const ENTITY_REF = ENTITY_REF_PATTERN;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;
/** The longest step the portal will wait for: a GameDay is an afternoon. */
const MAX_STEP_MS = 4 * 3600_000;

const name = z
  .string()
  .regex(NAME, 'must be a DNS label (lowercase a-z, 0-9, -; ≤ 63)');
const text = (max: number) => z.string().trim().min(1).max(max);
const region = z.string().regex(REGION, 'expected a region name');

const duration = (min: number) =>
  z.string().refine(
    v => {
      const ms = goDurationMs(v);
      return ms !== undefined && ms >= min && ms <= MAX_STEP_MS;
    },
    {
      message: `must be a Go duration such as 30s or 5m${
        min > 0 ? ' (> 0)' : ''
      }, at most ${MAX_STEP_MS / 3600_000}h`,
    },
  );

const regions = z
  .array(region)
  .min(1)
  .max(10)
  .refine(r => new Set(r).size === r.length, 'regions must be unique');

const stepCommon = {
  name,
  /** Go on with the next step when this one fails (the GameDay still fails). */
  continueOnFailure: z.boolean().optional(),
  /** The longest the step may take; a child run still going is stopped. */
  timeout: duration(1),
  description: text(2000).optional(),
};

const chaosStep = z
  .object({
    ...stepCommon,
    type: z.literal('chaos'),
    /** Defaults to the scenario's regions. */
    regions: regions.optional(),
    experimentId: z.string().min(1).max(300).optional(),
    template: z
      .object({ type: z.enum(TEMPLATE_TYPES) })
      .passthrough()
      .optional(),
  })
  .strict();

const failoverStep = z
  .object({
    ...stepCommon,
    type: z.literal('failover'),
    fromRegion: region,
    method: z.enum(['disable-endpoint', 'unhealthy']),
  })
  .strict();

const waitStep = z
  .object({
    ...stepCommon,
    type: z.literal('wait'),
    duration: duration(1),
  })
  .strict();

const checkStep = z
  .object({
    ...stepCommon,
    type: z.literal('check'),
    /** A recording rule, read per region as `metric{region="…"}`. */
    metric: z.string().regex(METRIC_NAME, 'must be a Prometheus metric name'),
    /** The assertion that must hold, e.g. `>=` 0.99 for availability. */
    op: z.enum(['>', '>=', '<', '<=']),
    threshold: z.number().finite(),
    /** How long it must keep holding; `0s` is a single reading. */
    over: duration(0),
    regions: regions.optional(),
  })
  .strict();

export const scenarioStep = z.discriminatedUnion('type', [
  chaosStep,
  failoverStep,
  waitStep,
  checkStep,
]);

export const scenarioSchema = z
  .object({
    name,
    title: text(200),
    description: text(4000),
    environment: environmentName,
    regions,
    /** Entity refs (users or groups) who may add notes without the run permission. */
    observers: z
      .array(z.string().max(300).regex(ENTITY_REF, 'expected an entity ref'))
      .max(50)
      .default([]),
    cadence: z.enum(['on-demand', 'monthly', 'quarterly']).optional(),
    steps: z.array(scenarioStep).min(1).max(50),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.steps.forEach((step, i) => {
      const issue = (message: string, field?: string) =>
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, ...(field ? [field] : [])],
          message,
        });
      if (seen.has(step.name)) issue(`step name '${step.name}' is repeated`);
      seen.add(step.name);
      const timeoutMs = goDurationMs(step.timeout)!;
      if (step.type === 'chaos') {
        if (Boolean(step.experimentId) === Boolean(step.template)) {
          issue('give exactly one of experimentId and template');
        }
        for (const r of step.regions ?? []) {
          if (!s.regions.includes(r)) {
            issue(`'${r}' is not a region of the scenario`, 'regions');
          }
        }
      }
      if (step.type === 'check') {
        for (const r of step.regions ?? []) {
          if (!s.regions.includes(r)) {
            issue(`'${r}' is not a region of the scenario`, 'regions');
          }
        }
      }
      if (step.type === 'failover' && !s.regions.includes(step.fromRegion)) {
        issue(
          `'${step.fromRegion}' is not a region of the scenario`,
          'fromRegion',
        );
      }
      // A step that cannot finish inside its timeout is a typo, not a test.
      let needs: number | undefined;
      if (step.type === 'wait') needs = goDurationMs(step.duration);
      if (step.type === 'check') needs = goDurationMs(step.over);
      if (needs !== undefined && timeoutMs < needs) {
        issue(`timeout ${step.timeout} is shorter than the step`, 'timeout');
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioStep = z.infer<typeof scenarioStep>;
export type ChaosStep = z.infer<typeof chaosStep>;
export type FailoverStep = z.infer<typeof failoverStep>;
export type CheckStep = z.infer<typeof checkStep>;

/** One validation finding, named `path: message` like the experiment library's. */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map(issue => {
    const field =
      issue.code === 'unrecognized_keys'
        ? [...issue.path, issue.keys.join(', ')].join('.')
        : issue.path.join('.');
    return `${field || '(scenario)'}: ${issue.message}`;
  });
}
