import {
  ENVIRONMENT_NAMES,
  failoverRunPermission,
} from '@internal/plugin-nt-infra-common';
import { z } from 'zod/v3';
import { parse } from '../schema/requests';
import {
  failoverRunRequest,
  FailoverRunService,
} from '../services/failoverRuns';
import { parseIdempotencyKey } from './actionInputs';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';

/** A failover test as `GET /failover-tests/:id` shows it, durations in seconds. */
export const failoverTestSchema = z.object({
  id: z.string(),
  state: z.string(),
  environment: z.string(),
  fromRegion: z.string(),
  toRegion: z.string(),
  method: z.enum(['disable-endpoint', 'unhealthy']),
  requestedBy: z.string(),
  reason: z
    .string()
    .optional()
    .describe('What the test is doing, or why it ended'),
  targets: z.object({ rtoSeconds: z.number(), rpoSeconds: z.number() }),
  measurements: z
    .record(z.unknown())
    .describe(
      'detectionSeconds, dnsSwitchSeconds, rtoSeconds, rpoSeconds, failback',
    ),
  verdicts: z
    .object({ rto: z.string(), rpo: z.string(), overall: z.string() })
    .optional(),
});

export function registerFailoverActions(
  deps: ActionBaseDeps & { failover: FailoverRunService },
) {
  registerAuditedAction(deps, {
    name: 'start-failover-test',
    title: 'Request a failover test',
    description:
      "Takes an environment's primary region out of Azure Traffic Manager (its endpoint disabled, or its pods made unhealthy) and measures detection, DNS switch, RTO and RPO against the targets, then gives the primary back. In production it needs an approved window listing the region failover test and the primary region, like the portal. Follow it with get-run.",
    attributes: { destructive: true },
    schema: {
      input: zod =>
        zod.object({
          environment: zod.enum(ENVIRONMENT_NAMES),
          fromRegion: zod
            .string()
            .describe('The primary region to take out, e.g. eastus'),
          method: zod.enum(['disable-endpoint', 'unhealthy']).optional(),
          holdDownSeconds: zod.number().optional(),
          rtoTargetSeconds: zod.number().optional(),
          rpoTargetSeconds: zod.number().optional(),
          idempotencyKey: zod.string().optional(),
        }),
      output: zod =>
        zod.object({ test: failoverTestSchema, created: zod.boolean() }),
    },
    action: async ({ input, actor, authorize }) => {
      const { idempotencyKey, ...request } = input;
      const body = parse(failoverRunRequest, request, 'input field');
      const key = parseIdempotencyKey(idempotencyKey);
      await authorize(failoverRunPermission, body.environment);
      const { run, created } = await deps.failover.start(body, actor, key);
      return { test: await deps.failover.get(run.id), created };
    },
  });
}
