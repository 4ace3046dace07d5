import {
  chaosRunPermission,
  FAILOVER_TEST_EXPERIMENT,
} from '@internal/plugin-nt-infra-common';
import { parse } from '../schema/requests';
import { WindowService } from '../services/windows';
import { createWindowBody } from '../services/windows/windowSchemas';
import { stopConditionSchema } from './stopConditionSchema';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';

/**
 * Requesting only. Deciding a window stays with a person in the portal:
 * four-eyes is between people, so there is no approve action at all.
 */
export function registerWindowActions(
  deps: ActionBaseDeps & { windows: WindowService },
) {
  registerAuditedAction(deps, {
    name: 'request-production-window',
    title: 'Request a production chaos window',
    description:
      'Requests a time window in which production chaos may run (at most 8 hours, starting within 30 days), limited to named experiments, regions, a blast-radius fraction (at most 0.1) and stop conditions. It stays "requested" until an approver other than the requester approves it in the portal; this tool cannot approve.',
    attributes: { destructive: false },
    schema: {
      input: zod =>
        zod.object({
          environment: zod.literal('production'),
          startsAt: zod
            .string()
            .describe('ISO 8601 with an offset, e.g. 2026-12-01T09:00:00Z'),
          endsAt: zod.string(),
          reason: zod.string(),
          limits: zod.object({
            experiments: zod
              .array(zod.string())
              .describe(
                `Library ids <Kind>/<namespace>/<name>, or ${FAILOVER_TEST_EXPERIMENT} for failover tests`,
              ),
            regions: zod.array(zod.string()),
            maxFraction: zod.number(),
            stopConditions: zod.array(stopConditionSchema),
          }),
        }),
      output: zod =>
        zod.object({
          id: zod.string(),
          state: zod.string(),
          environment: zod.string(),
          startsAt: zod.string(),
          endsAt: zod.string(),
          requestedBy: zod.string(),
          reason: zod.string(),
          limits: zod.object({
            experiments: zod.array(zod.string()),
            regions: zod.array(zod.string()),
            maxFraction: zod.number(),
            stopConditions: zod.array(stopConditionSchema),
          }),
        }),
    },
    action: async ({ input, actor, authorize }) => {
      const body = parse(createWindowBody, input, 'input field');
      await authorize(chaosRunPermission);
      return deps.windows.request(actor, body);
    },
  });
}
