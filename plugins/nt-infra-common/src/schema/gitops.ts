import { z } from 'zod';
import { environmentName, noPollutingKeys, regionName } from './primitives';

const workload = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a workload name');
const replicaCount = z.number().int().min(0).max(1000);

/** HPA bounds (autoscaling.yaml) or a fixed replica count (kustomization `replicas`). @public */
export const scaleWorkloadParams = z
  .object({
    environment: environmentName,
    workload,
    minReplicas: replicaCount.optional(),
    maxReplicas: replicaCount.optional(),
    replicas: replicaCount.optional(),
  })
  .strict()
  .refine(
    p =>
      p.minReplicas !== undefined ||
      p.maxReplicas !== undefined ||
      p.replicas !== undefined,
    {
      message: 'give minReplicas, maxReplicas or replicas',
      path: ['replicas'],
    },
  );

/**
 * Traffic Manager settings. TTL and priorities are per environment (tfvars);
 * the probe settings are defaults of terraform/azure/networking and so apply
 * to both environments. Bounds are deliberately loose here: the checks refuse
 * out-of-range values with the reason the Terraform validation gives.
 * @public
 */
export const trafficManagerParams = z
  .object({
    environment: environmentName,
    dnsTtlSeconds: z.number().int().optional(),
    endpointPriorities: z.record(regionName, z.number().int()).optional(),
    monitor: z
      .object({
        intervalInSeconds: z.number().int().optional(),
        timeoutInSeconds: z.number().int().optional(),
        toleratedNumberOfFailures: z.number().int().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    p =>
      p.dnsTtlSeconds !== undefined ||
      p.endpointPriorities !== undefined ||
      p.monitor !== undefined,
    {
      message: 'give dnsTtlSeconds, endpointPriorities or monitor',
      path: ['dnsTtlSeconds'],
    },
  );

const libraryFile = z
  .string()
  .regex(
    /^(staging|schedules|production|gameday)\/[a-z0-9][a-z0-9-]{0,100}\.yaml$/,
    'expected <staging|schedules|production|gameday>/<name>.yaml',
  );
const yamlPath = z
  .array(z.union([z.string().min(1).max(200), z.number().int().min(0)]))
  .min(1)
  .max(20);

/**
 * Add an experiment (`resource`, a new file) or change one (`set`: structural
 * edits of the existing document; `value: null` removes the key).
 * @public
 */
export const chaosExperimentParams = z
  .object({
    file: libraryFile,
    resource: noPollutingKeys
      .pipe(z.record(z.string(), z.unknown()))
      .optional(),
    set: z
      .array(z.object({ path: yamlPath, value: noPollutingKeys }).strict())
      .min(1)
      .max(50)
      .optional(),
  })
  .strict()
  .refine(p => (p.resource === undefined) !== (p.set === undefined), {
    message: 'give exactly one of resource (new file) and set (edit)',
    path: ['resource'],
  });

/** Copy a staging setting to production. @public */
export const promoteParams = z
  .object({
    setting: z.discriminatedUnion('type', [
      z.object({ type: z.literal('hpa-bounds'), workload }).strict(),
      z.object({ type: z.literal('dns-ttl') }).strict(),
    ]),
  })
  .strict();

/** Fields every change request carries besides its kind and params. */
const changeCommon = {
  /** Why; goes into the commit message and pull request body. */
  reason: z.string().trim().min(1).max(2000),
  /** The portal run or window that motivated the change, linked from the PR. */
  runId: z.string().uuid('expected a run id').optional(),
  windowId: z.string().uuid('expected a window id').optional(),
};

/** Body of `POST /gitops/changes[/preview]`. @public */
export const changeRequestBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('scale-workload'),
      params: scaleWorkloadParams,
      ...changeCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('traffic-manager'),
      params: trafficManagerParams,
      ...changeCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('chaos-experiment'),
      params: chaosExperimentParams,
      ...changeCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('promote'),
      params: promoteParams,
      ...changeCommon,
    })
    .strict(),
]);
