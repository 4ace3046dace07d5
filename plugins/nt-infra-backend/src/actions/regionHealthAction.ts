import {
  ENVIRONMENT_NAMES,
  EnvironmentHealth,
  EnvironmentTraffic,
  regionReadPermission,
  trafficReadPermission,
} from '@internal/plugin-nt-infra-common';
import { z } from 'zod/v3';
import { environmentQuery, parse } from '../schema/requests';
import { HealthService } from '../services/health';
import { ActionBaseDeps, registerAuditedAction } from './registerAuditedAction';

const freshness = z
  .enum(['ok', 'stale', 'unavailable'])
  .describe('ok: read just now; stale: last good value; unavailable: none');

const outputSchema = z.object({
  environments: z.array(
    z.object({
      name: z.string(),
      serving: z
        .object({
          byTrafficManager: z.string().optional(),
          byDns: z.string().optional(),
          agree: z.boolean(),
        })
        .describe(
          'Which region serves traffic, by Traffic Manager and by a live DNS answer',
        ),
      regions: z.array(
        z.object({
          name: z.string(),
          displayName: z.string(),
          role: z.enum(['primary', 'secondary']),
          verdict: z.enum(['healthy', 'degraded', 'down', 'unknown']),
          reasons: z.array(z.string()),
          serving: z.boolean(),
          errorBudgetRemaining: z.number().optional(),
          slis: z.record(z.unknown()).optional(),
          freshness: z.object({
            endpoint: freshness,
            readiness: freshness,
            slis: freshness,
            slo: freshness,
          }),
        }),
      ),
    }),
  ),
});

function describe(health: EnvironmentHealth, traffic?: EnvironmentTraffic) {
  return {
    name: health.name,
    serving: traffic?.serving ?? { agree: false },
    regions: health.regions.map(r => ({
      name: r.name,
      displayName: r.displayName,
      role: r.role,
      verdict: r.verdict,
      reasons: r.reasons,
      serving: r.serving,
      errorBudgetRemaining: r.slo.value?.errorBudgetRemaining,
      slis: r.slis.value as Record<string, unknown> | undefined,
      freshness: {
        endpoint: r.endpoint.status,
        readiness: r.readiness.status,
        slis: r.slis.status,
        slo: r.slo.status,
      },
    })),
  };
}

/** `GET /regions` and `GET /traffic` in one answer: how each region is and who serves. */
export function registerRegionHealthAction(
  deps: ActionBaseDeps & { health: HealthService },
) {
  registerAuditedAction(deps, {
    name: 'get-region-health',
    title: 'Region health and who serves traffic',
    description:
      'Live health of each region of the NT-AI platform (East US primary, West US standby): a verdict (healthy, degraded, down, unknown) with reasons, SLIs and error budget left, and which region serves traffic by Azure Traffic Manager and by DNS. Values carry their freshness; a stale or unavailable source is said, never hidden.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          environment: zod
            .enum(ENVIRONMENT_NAMES)
            .optional()
            .describe('Only this environment; all of them when omitted'),
        }),
      output: () => outputSchema,
    },
    action: async ({ input, authorize }) => {
      const { environment } = parse(environmentQuery, input, 'input field');
      await authorize(regionReadPermission);
      await authorize(trafficReadPermission);
      const [health, traffic] = await Promise.all([
        deps.health.regions(environment),
        deps.health.traffic(environment),
      ]);
      return {
        environments: health.map(h =>
          describe(
            h,
            traffic.find(t => t.name === h.name),
          ),
        ),
      };
    },
  });
}
