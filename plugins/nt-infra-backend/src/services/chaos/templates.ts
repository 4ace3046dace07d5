import { environmentName } from '@internal/plugin-nt-infra-common';
import { InputError } from '@backstage/errors';
import { ChaosContext, validateExperiment } from '@internal/iac-validation';
import { z } from 'zod';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { goDurationMs } from './goDuration';
import { stopConditionSchema } from './stopConditionGrammar';

/**
 * Parameterised experiments: a form's input becomes a Chaos Mesh resource.
 * Every input is checked here (names, Go durations, bounded numbers) so a
 * bad value is an InputError naming its field, not a 422 from a cluster.
 * The `nt-infra.io/` annotations describe the experiment like the library's
 * manifests do (validateExperiment requires them); the run labels
 * (`managed-by`, `run-id`) are the cluster provider's, added at create time.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Kubernetes label value, as the cluster provider requires of run ids. */
const RUN_ID = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** RFC 1123 host name, e.g. psql-ntai-production-eastus.postgres.database.azure.com. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const IPV4_OR_CIDR =
  /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\/([0-9]|[12][0-9]|3[0-2]))?$/;

/** A fault longer than this is a mistake in a form, not an experiment. */
const MAX_DURATION_MS = 60 * 60_000;

const dnsLabel = z
  .string()
  .regex(DNS_LABEL, 'must be a DNS label (lowercase a-z, 0-9, -; ≤ 63)');

const goDuration = (max: number) =>
  z.string().refine(
    v => {
      const ms = goDurationMs(v);
      return ms !== undefined && ms > 0 && ms <= max;
    },
    {
      message: `must be a Go duration such as 30s or 5m, at most ${
        max / 60_000
      }m`,
    },
  );

const common = {
  runId: z
    .string()
    .regex(RUN_ID, 'must be a Kubernetes label value (≤ 63 characters)'),
  environment: environmentName,
  workload: z.object({ namespace: dnsLabel, name: dnsLabel }).strict(),
  duration: goDuration(MAX_DURATION_MS),
  mode: z
    .enum(['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'])
    .default('all'),
  value: z.number().int().min(1).max(10_000).optional(),
  stopConditions: z.array(stopConditionSchema).min(1).max(10),
};

/** The webhook's value rules per mode, as a refinement naming `value`. */
function modeValueOk(input: { mode: string; value?: number }): boolean {
  if (input.mode === 'one' || input.mode === 'all') {
    return input.value === undefined;
  }
  if (input.value === undefined) return false;
  return input.mode === 'fixed' || input.value <= 100;
}
const MODE_VALUE_MESSAGE = {
  message:
    'fixed needs an integer > 0, fixed-percent and random-max-percent an integer in 1..100, one and all no value',
  path: ['value'],
};

export const podFailureInput = z
  .object(common)
  .strict()
  .refine(modeValueOk, MODE_VALUE_MESSAGE);

export const networkLatencyInput = z
  .object({
    ...common,
    latencyMs: z.number().int().min(1).max(10_000),
    jitterMs: z.number().int().min(0).max(10_000).default(0),
    /** Percent (0..100) that a packet's delay depends on the previous one's. */
    correlation: z.number().min(0).max(100).default(0),
  })
  .strict()
  .refine(modeValueOk, MODE_VALUE_MESSAGE);

export const cpuStressInput = z
  .object({
    ...common,
    workers: z.number().int().min(1).max(64),
    /** Percent load per worker. */
    load: z.number().int().min(1).max(100),
  })
  .strict()
  .refine(modeValueOk, MODE_VALUE_MESSAGE);

export const memoryStressInput = z
  .object({
    ...common,
    workers: z.number().int().min(1).max(16),
    /** Per worker, in megabytes. */
    sizeMb: z.number().int().min(1).max(65_536),
  })
  .strict()
  .refine(modeValueOk, MODE_VALUE_MESSAGE);

const databaseThrottle = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('delay'),
      latencyMs: z.number().int().min(1).max(10_000),
      jitterMs: z.number().int().min(0).max(10_000).default(0),
    })
    .strict(),
  z
    .object({
      type: z.literal('bandwidth'),
      /** tc's rate in kbit/s. */
      rateKbit: z.number().int().min(8).max(10_000_000),
      /** Bytes queued waiting for tokens. */
      limitBytes: z
        .number()
        .int()
        .min(1)
        .max(2_147_483_647)
        .default(20_971_520),
      /** Bytes of tokens available at once. */
      bufferBytes: z.number().int().min(1).max(2_147_483_647).default(10_000),
    })
    .strict(),
]);

export const databaseThrottlingInput = z
  .object({
    ...common,
    /** The database outside the cluster: host names or IPv4 addresses/CIDRs. */
    database: z
      .array(
        z
          .string()
          .refine(
            v => HOST_NAME.test(v) || IPV4_OR_CIDR.test(v),
            'must be a host name or an IPv4 address/CIDR',
          ),
      )
      .min(1)
      .max(10),
    throttle: databaseThrottle,
  })
  .strict()
  .refine(modeValueOk, MODE_VALUE_MESSAGE);

export type PodFailureInput = z.input<typeof podFailureInput>;
export type NetworkLatencyInput = z.input<typeof networkLatencyInput>;
export type CpuStressInput = z.input<typeof cpuStressInput>;
export type MemoryStressInput = z.input<typeof memoryStressInput>;
export type DatabaseThrottlingInput = z.input<typeof databaseThrottlingInput>;

function parse<T extends z.ZodType>(
  template: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(
      i => `${i.path.join('.') || '(input)'}: ${i.message}`,
    );
    throw new InputError(`Invalid ${template} input: ${issues.join('; ')}`);
  }
  return result.data;
}

/** `nt-<short run id>-<kind>`: the first 8 alphanumerics of the run id, lowercased. */
export function experimentName(runId: string, kind: string): string {
  const short = runId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  if (!short) {
    throw new InputError(`Run id '${runId}' has no letters or digits`);
  }
  return `nt-${short}-${kind}`;
}

type Common = z.output<z.ZodObject<typeof common>>;

function modeOf(c: Common): Record<string, unknown> {
  return c.value === undefined
    ? { mode: c.mode }
    : { mode: c.mode, value: String(c.value) };
}

function describeTargets(c: Common): string {
  const of = `of ${c.workload.namespace}/${c.workload.name}`;
  switch (c.mode) {
    case 'all':
      return `all pods ${of}`;
    case 'one':
      return `one pod ${of}`;
    case 'fixed':
      return `${c.value} pod(s) ${of}`;
    case 'fixed-percent':
      return `${c.value}% of the pods ${of}`;
    default:
      return `up to ${c.value}% of the pods ${of}`;
  }
}

function buildResource(
  kind: ChaosResource['kind'],
  nameKind: string,
  c: Common,
  text: { title: string; description: string; expectedImpact: string },
  spec: Record<string, unknown>,
): ChaosResource {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind,
    metadata: {
      name: experimentName(c.runId, nameKind),
      namespace: c.workload.namespace,
      annotations: {
        'nt-infra.io/title': text.title,
        'nt-infra.io/description': text.description,
        'nt-infra.io/environment': c.environment,
        'nt-infra.io/expected-impact': text.expectedImpact,
        // A JSON array is a YAML flow sequence, which is what the library's
        // annotation holds.
        'nt-infra.io/stop-conditions': JSON.stringify(c.stopConditions),
      },
    },
    spec: {
      ...modeOf(c),
      duration: c.duration,
      selector: {
        namespaces: [c.workload.namespace],
        labelSelectors: { 'app.kubernetes.io/name': c.workload.name },
      },
      ...spec,
    },
  };
}

export function podFailureTemplate(input: PodFailureInput): ChaosResource {
  const c = parse('pod-failure', podFailureInput, input);
  return buildResource(
    'PodChaos',
    'pod-failure',
    c,
    {
      title: `Pod failure: ${c.workload.name}`,
      description: `Makes ${describeTargets(c)} unavailable for ${c.duration}.`,
      expectedImpact:
        'The remaining replicas absorb the load; stop conditions roll back otherwise.',
    },
    { action: 'pod-failure' },
  );
}

export function networkLatencyTemplate(
  input: NetworkLatencyInput,
): ChaosResource {
  const c = parse('network-latency', networkLatencyInput, input);
  return buildResource(
    'NetworkChaos',
    'latency',
    c,
    {
      title: `Network latency +${c.latencyMs} ms: ${c.workload.name}`,
      description: `Delays the egress of ${describeTargets(c)} by ${
        c.latencyMs
      } ms (jitter ${c.jitterMs} ms) for ${c.duration}.`,
      expectedImpact: 'p99 latency rises for requests crossing these pods.',
    },
    {
      action: 'delay',
      direction: 'to',
      delay: {
        latency: `${c.latencyMs}ms`,
        ...(c.jitterMs > 0 ? { jitter: `${c.jitterMs}ms` } : {}),
        ...(c.correlation > 0 ? { correlation: String(c.correlation) } : {}),
      },
    },
  );
}

export function cpuStressTemplate(input: CpuStressInput): ChaosResource {
  const c = parse('cpu-stress', cpuStressInput, input);
  return buildResource(
    'StressChaos',
    'cpu-stress',
    c,
    {
      title: `CPU stress: ${c.workload.name}`,
      description: `Runs ${c.workers} CPU worker(s) at ${
        c.load
      }% in ${describeTargets(c)} for ${c.duration}.`,
      expectedImpact: 'Latency rises on the stressed pods; capacity drops.',
    },
    { stressors: { cpu: { workers: c.workers, load: c.load } } },
  );
}

export function memoryStressTemplate(input: MemoryStressInput): ChaosResource {
  const c = parse('memory-stress', memoryStressInput, input);
  return buildResource(
    'StressChaos',
    'memory-stress',
    c,
    {
      title: `Memory stress: ${c.workload.name}`,
      description: `Allocates ${c.workers} × ${
        c.sizeMb
      } MB in ${describeTargets(c)} for ${c.duration}.`,
      expectedImpact:
        'Pods near their memory limit may be OOM-killed and restarted.',
    },
    { stressors: { memory: { workers: c.workers, size: `${c.sizeMb}MB` } } },
  );
}

/**
 * Throttles the traffic from the workload to a database outside the
 * cluster. Chaos Mesh reaches non-Kubernetes peers through
 * `externalTargets`, which it applies to egress (`direction: to`) of the
 * selected pods; the database itself is untouched.
 */
export function databaseThrottlingTemplate(
  input: DatabaseThrottlingInput,
): ChaosResource {
  const c = parse('database-throttling', databaseThrottlingInput, input);
  const t = c.throttle;
  const how =
    t.type === 'delay'
      ? `delays traffic by ${t.latencyMs} ms`
      : `limits bandwidth to ${t.rateKbit} kbit/s`;
  return buildResource(
    'NetworkChaos',
    'db-throttle',
    c,
    {
      title: `Database throttling: ${c.workload.name} → ${c.database.join(
        ', ',
      )}`,
      description: `From ${describeTargets(c)} to ${c.database.join(
        ', ',
      )}: ${how} for ${c.duration}.`,
      expectedImpact:
        'Slow queries: latency rises, connection pools may saturate.',
    },
    {
      direction: 'to',
      externalTargets: c.database,
      ...(t.type === 'delay'
        ? {
            action: 'delay',
            delay: {
              latency: `${t.latencyMs}ms`,
              ...(t.jitterMs > 0 ? { jitter: `${t.jitterMs}ms` } : {}),
            },
          }
        : {
            action: 'bandwidth',
            bandwidth: {
              rate: `${t.rateKbit}kbit`,
              limit: t.limitBytes,
              buffer: t.bufferBytes,
            },
          }),
    },
  );
}

/**
 * Throws an InputError with every reason CI would reject the resource for
 * (schema, Chaos Mesh webhook rules, metadata, the overlay policy).
 */
export function assertValidExperiment(
  resource: ChaosResource,
  context: ChaosContext,
): void {
  const { errors } = validateExperiment(resource, context);
  if (errors.length > 0) {
    throw new InputError(
      `${resource.kind} ${
        resource.metadata.name
      } is not a valid experiment: ${errors.join('; ')}`,
    );
  }
}
