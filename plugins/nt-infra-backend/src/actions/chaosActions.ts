import {
  chaosRunPermission,
  ENVIRONMENT_NAMES,
  experimentReadPermission,
} from '@internal/plugin-nt-infra-common';
import { z } from 'zod/v3';
import { parse } from '../schema/requests';
import { chaosRunRequest } from '../services/chaosRuns/chaosRunRequest';
import { ChaosRunService } from '../services/chaosRuns/ChaosRunService';
import { ExperimentLibrary } from '../services/ExperimentLibrary';
import { parseIdempotencyKey } from './actionInputs';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';
import { stopConditionSchema } from './stopConditionSchema';
import { runSummarySchema, summarizeRun } from './runSummary';

/**
 * The shape of `POST /runs/chaos` for the tool's schema. The route's own
 * schema (chaosRunRequest) validates it again inside, so sizes, patterns and
 * "exactly one of experimentId and template" are decided in one place.
 */
const chaosInput = (zod: typeof z) =>
  zod.object({
    environment: zod.enum(ENVIRONMENT_NAMES),
    regions: zod.array(zod.string()).describe('Region names, e.g. ["eastus"]'),
    experimentId: zod
      .string()
      .optional()
      .describe(
        'A library experiment id <Kind>/<namespace>/<name> (see list-experiments); or give template',
      ),
    template: zod
      .record(zod.unknown())
      .optional()
      .describe(
        '{ type: pod-failure | network-latency | cpu-stress | memory-stress | database-throttling, workload: { namespace, name }, duration, mode, value?, stopConditions: [{ metric, op, threshold, for }] }',
      ),
    title: zod.string().optional(),
    entityRef: zod
      .string()
      .optional()
      .describe(
        'The catalog entity the run is about, e.g. component:default/ntai-api',
      ),
  });

const previewOutput = z.object({
  allowed: z.boolean(),
  reasons: z
    .array(z.string())
    .describe('Why the guard rails would refuse it; empty when allowed'),
  blastRadius: z.array(
    z.object({
      region: z.string(),
      cluster: z.string(),
      matching: z.number().describe('Pods the selector matches'),
      targets: z
        .array(z.object({ namespace: z.string(), name: z.string() }))
        .describe('The exact pods the run would hit'),
      fraction: z.number(),
    }),
  ),
  stopConditions: z.array(stopConditionSchema),
  windowId: z.string().optional(),
  resource: z
    .record(z.unknown())
    .describe('The Chaos Mesh resource that would be applied'),
});

export function registerChaosActions(
  deps: ActionBaseDeps & {
    chaos: ChaosRunService;
    experiments: ExperimentLibrary;
  },
) {
  registerAuditedAction(deps, {
    name: 'list-experiments',
    title: 'List chaos experiments',
    description:
      'The chaos experiment library (kubernetes/chaos-experiments): id, kind, environment, title, expected impact and stop conditions of each experiment, and the problems of invalid ones.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod => zod.object({}),
      output: zod =>
        zod.object({
          items: zod.array(
            zod.object({
              id: zod.string(),
              kind: zod.string(),
              environment: zod.string(),
              title: zod.string(),
              description: zod.string(),
              expectedImpact: zod.string(),
              region: zod.string().optional(),
              stopConditions: zod.array(stopConditionSchema),
            }),
          ),
          problems: zod.array(
            zod.object({ file: zod.string(), message: zod.string() }),
          ),
        }),
    },
    action: async ({ authorize }) => {
      await authorize(experimentReadPermission);
      return deps.experiments.list();
    },
  });

  registerAuditedAction(deps, {
    name: 'preview-chaos-run',
    title: 'Preview a chaos experiment',
    description:
      'Without starting anything: the exact pods a chaos run would hit in each region (from the live clusters), its stop conditions, and whether the guard rails allow it now, with the reasons if not (production needs an approved window, at most 10% of matching pods, error budget left, no halt).',
    attributes: { readOnly: true, idempotent: true },
    schema: { input: chaosInput, output: () => previewOutput },
    action: async ({ input, actor, authorize }) => {
      const body = parse(chaosRunRequest, input, 'input field');
      await authorize(chaosRunPermission);
      const { preview } = await deps.chaos.preview(body, actor);
      return preview;
    },
  });

  registerAuditedAction(deps, {
    name: 'start-chaos-run',
    title: 'Request a chaos run',
    description:
      'Starts a chaos run through the same guard rails as the portal: refused (with the reasons) when the policy says no, e.g. production without an approved window. Staging needs no window. The run is then carried out and rolled back on a stop condition by the portal; follow it with get-run. Give idempotencyKey so a retry returns the same run.',
    attributes: { destructive: true },
    schema: {
      input: zod =>
        chaosInput(zod).extend({
          idempotencyKey: zod
            .string()
            .optional()
            .describe('1-128 characters of A-Z a-z 0-9 _ . : -'),
        }),
      output: zod =>
        zod.object({ run: runSummarySchema, created: zod.boolean() }),
    },
    action: async ({ input, actor, authorize }) => {
      const { idempotencyKey, ...request } = input;
      const body = parse(chaosRunRequest, request, 'input field');
      const key = parseIdempotencyKey(idempotencyKey);
      await authorize(chaosRunPermission, body.environment);
      const { run, created } = await deps.chaos.start(body, actor, key);
      return { run: summarizeRun(run), created };
    },
  });
}
