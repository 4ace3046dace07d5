import { RunDetail, runReadPermission } from '@internal/plugin-nt-infra-common';
import { NotFoundError } from '@backstage/errors';
import { z } from 'zod/v3';
import { RunStore } from '../database/RunStore';
import { FailoverRunService } from '../services/failoverRuns';
import { GameDayService } from '../services/gamedays/GameDayService';
import { renderReportMarkdown } from '../services/gamedays/renderReportMarkdown';
import { parseRunId } from './actionInputs';
import { failoverTestSchema } from './failoverActions';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';
import { runSummarySchema, summarizeRun } from './runSummary';

const outputSchema = z.object({
  run: runSummarySchema,
  transitions: z.array(
    z.object({
      from: z.string().optional(),
      to: z.string(),
      actor: z.string(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
  steps: z.array(
    z.object({
      seq: z.number(),
      name: z.string(),
      state: z.string(),
      notes: z.string().optional(),
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
    }),
  ),
  outcome: z
    .record(z.unknown())
    .optional()
    .describe('How it ended: ending, stop-condition evidence, SLI impact'),
  failoverTest: failoverTestSchema
    .optional()
    .describe('For failover tests: the measurements against the targets'),
  report: z
    .string()
    .optional()
    .describe('For GameDays: the report in Markdown'),
});

/** The report a run kind has, read through the same services as its route. */
async function reportOf(
  run: RunDetail,
  deps: { failover: FailoverRunService; gamedays: GameDayService },
) {
  switch (run.kind) {
    case 'failover':
      return { failoverTest: await deps.failover.get(run.id) };
    case 'gameday':
      return {
        report: renderReportMarkdown(await deps.gamedays.report(run.id)),
      };
    default:
      return {};
  }
}

export function registerRunActions(
  deps: ActionBaseDeps & {
    runs: RunStore;
    failover: FailoverRunService;
    gamedays: GameDayService;
  },
) {
  registerAuditedAction(deps, {
    name: 'get-run',
    title: "A run's state and report",
    description:
      'A chaos run, failover test or GameDay: its state, every transition with who and why, its steps, how it ended (for chaos, the stop condition that rolled it back and the evidence), the measured RTO and RPO of a failover test, and the report of a GameDay.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod =>
        zod.object({ runId: zod.string().describe('The run id (a UUID)') }),
      output: () => outputSchema,
    },
    action: async ({ input, authorize }) => {
      const id = parseRunId(input.runId);
      await authorize(runReadPermission);
      const run = await deps.runs.getRun(id);
      if (!run) {
        throw new NotFoundError(`Run '${id}' not found`);
      }
      return {
        run: summarizeRun(run),
        transitions: run.transitions,
        steps: run.steps,
        outcome: run.outcome,
        ...(await reportOf(run, deps)),
      };
    },
  });
}
