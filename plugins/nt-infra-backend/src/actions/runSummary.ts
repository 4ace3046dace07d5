import { Run } from '@internal/plugin-nt-infra-common';
import { z } from 'zod/v3';

/**
 * A run as an action returns it: what it is and where it stands, without its
 * params (the whole Chaos Mesh resource and plan), which `get-run` adds.
 */
export const runSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['chaos', 'failover', 'gameday']),
  environment: z.string(),
  regions: z.array(z.string()),
  state: z
    .string()
    .describe(
      'pending-approval, approved, starting, running, stopping; terminal: completed, rolled-back, aborted, failed, rejected',
    ),
  title: z.string(),
  entityRef: z.string().optional(),
  experimentRef: z.string().optional(),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
});

export function summarizeRun(run: Run): z.infer<typeof runSummarySchema> {
  return {
    id: run.id,
    kind: run.kind,
    environment: run.environment,
    regions: run.regions,
    state: run.state,
    title: run.title,
    entityRef: run.entityRef,
    experimentRef: run.experimentRef,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}
