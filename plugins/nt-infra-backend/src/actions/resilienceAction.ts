import { NotFoundError } from '@backstage/errors';
import {
  MAX_RESILIENCE_WEEKS,
  resilienceQuery,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { z } from 'zod/v3';
import { parse } from '../schema/requests';
import { ResilienceService } from '../services/resilience';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';

const evidenceSchema = z.object({
  runId: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.string(),
  at: z.string(),
  note: z.string().optional(),
});

const outputSchema = z.object({
  entityRef: z.string(),
  score: z.number().describe('0–100'),
  asOf: z.string(),
  windowDays: z.number(),
  reasons: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      points: z.number(),
      maxPoints: z.number(),
      explanation: z.string(),
      weightReason: z.string(),
      evidence: z.array(evidenceSchema),
    }),
  ),
  trend: z
    .array(z.object({ at: z.string(), score: z.number() }))
    .describe('The score at the end of each past week, oldest first'),
});

/** `get-resilience-score`: the route's score, for one entity. */
export function registerResilienceAction(
  deps: ActionBaseDeps & { resilience: ResilienceService },
) {
  registerAuditedAction(deps, {
    name: 'get-resilience-score',
    title: "An entity's resilience score",
    description:
      'How well a catalog entity has been proven resilient by its run history: a score from 0 to 100 with each contribution (pod, network, stress and region-failover faults exercised in the last 30 days and how they ended; the last failover RTO and RPO against their targets; error budget spent by runs), the runs that are its evidence, and its weekly trend.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod
            .string()
            .describe('The entity, e.g. component:default/ntai-api'),
          weeks: zod
            .number()
            .int()
            .optional()
            .describe(`Weeks of trend, 1–${MAX_RESILIENCE_WEEKS} (default 8)`),
        }),
      output: () => outputSchema,
    },
    action: async ({ input, credentials, authorize }) => {
      const query = parse(resilienceQuery, input, 'input field');
      await authorize(runReadPermission);
      const { items } = await deps.resilience.scores(
        query.entityRef,
        query.weeks,
        credentials,
      );
      if (!items[0]) {
        throw new NotFoundError(`Entity '${query.entityRef[0]}' not found`);
      }
      return items[0];
    },
  });
}
