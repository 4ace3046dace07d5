import {
  ChaosContext,
  buildOverlay,
  recordingRuleNames,
  validateExperiment,
  workloadsOf,
} from '@internal/iac-validation';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import {
  assertValidExperiment,
  cpuStressTemplate,
  databaseThrottlingTemplate,
  memoryStressTemplate,
  networkLatencyTemplate,
  podFailureTemplate,
} from './templates';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

// What CI checks the library with: the overlays' workloads and the recording rules.
let context: ChaosContext;
beforeAll(() => {
  context = {
    workloads: {
      staging: workloadsOf(buildOverlay(REPO_ROOT, 'staging')),
      production: workloadsOf(buildOverlay(REPO_ROOT, 'production')),
    },
    recordingRules: recordingRuleNames(REPO_ROOT),
  };
});

const base = {
  runId: '3f2a9c1e-7b4d-4e0a-9c55-0d1e2f3a4b5c',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '5m',
  stopConditions: [
    {
      metric: 'ntai:slo_burn_rate:5m',
      op: '>' as const,
      threshold: 14.4,
      for: '1m',
    },
  ],
};
const production = {
  ...base,
  environment: 'production' as const,
  mode: 'fixed-percent' as const,
  value: 10,
};
const staging = { ...base, environment: 'staging' as const };

describe('chaos templates', () => {
  it.each([
    [
      'pod failure',
      () => podFailureTemplate(production),
      'PodChaos',
      'nt-3f2a9c1e-pod-failure',
    ],
    [
      'network latency',
      () =>
        networkLatencyTemplate({
          ...production,
          latencyMs: 100,
          jitterMs: 20,
          correlation: 25,
        }),
      'NetworkChaos',
      'nt-3f2a9c1e-latency',
    ],
    [
      'CPU stress',
      () => cpuStressTemplate({ ...production, workers: 2, load: 60 }),
      'StressChaos',
      'nt-3f2a9c1e-cpu-stress',
    ],
    [
      'memory stress',
      () =>
        memoryStressTemplate({
          ...staging,
          mode: 'fixed',
          value: 1,
          workers: 1,
          sizeMb: 256,
        }),
      'StressChaos',
      'nt-3f2a9c1e-memory-stress',
    ],
    [
      'database delay',
      () =>
        databaseThrottlingTemplate({
          ...staging,
          database: ['psql-ntai-staging-eastus.postgres.database.azure.com'],
          throttle: { type: 'delay', latencyMs: 200 },
        }),
      'NetworkChaos',
      'nt-3f2a9c1e-db-throttle',
    ],
    [
      'database bandwidth',
      () =>
        databaseThrottlingTemplate({
          ...production,
          database: ['10.20.0.0/24'],
          throttle: { type: 'bandwidth', rateKbit: 1000 },
        }),
      'NetworkChaos',
      'nt-3f2a9c1e-db-throttle',
    ],
  ])('%s passes every check CI runs on the library', (_, build, kind, name) => {
    const resource = build();
    expect(resource).toMatchObject({
      kind,
      metadata: { name, namespace: 'ntai' },
    });
    // No run labels: the cluster provider adds them when it creates the object.
    expect(resource.metadata.labels).toBeUndefined();
    const { errors, metadata } = validateExperiment(resource, context);
    expect(errors).toEqual([]);
    expect(metadata?.stopConditions).toEqual(base.stopConditions);
  });

  it('builds the Chaos Mesh fields the forms ask for', () => {
    expect(
      networkLatencyTemplate({
        ...staging,
        latencyMs: 100,
        jitterMs: 20,
        correlation: 25,
      }).spec,
    ).toEqual({
      mode: 'all',
      duration: '5m',
      selector: {
        namespaces: ['ntai'],
        labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
      },
      action: 'delay',
      direction: 'to',
      delay: { latency: '100ms', jitter: '20ms', correlation: '25' },
    });
    expect(
      databaseThrottlingTemplate({
        ...production,
        database: ['psql-ntai-production-eastus.postgres.database.azure.com'],
        throttle: { type: 'bandwidth', rateKbit: 1000 },
      }).spec,
    ).toMatchObject({
      mode: 'fixed-percent',
      value: '10',
      action: 'bandwidth',
      // The database is outside the cluster: egress to it, by name.
      direction: 'to',
      externalTargets: [
        'psql-ntai-production-eastus.postgres.database.azure.com',
      ],
      bandwidth: { rate: '1000kbit', limit: 20971520, buffer: 10000 },
    });
  });

  it.each([
    [
      'workload.name',
      () =>
        podFailureTemplate({
          ...staging,
          workload: { namespace: 'ntai', name: 'NTAI_api' },
        }),
    ],
    [
      'duration',
      () => podFailureTemplate({ ...staging, duration: '5 minutes' }),
    ],
    ['duration', () => podFailureTemplate({ ...staging, duration: '2h' })],
    [
      'value',
      () =>
        podFailureTemplate({ ...staging, mode: 'fixed-percent', value: 150 }),
    ],
    ['value', () => podFailureTemplate({ ...staging, mode: 'fixed' })],
    ['latencyMs', () => networkLatencyTemplate({ ...staging, latencyMs: 0 })],
    [
      'stopConditions.0.for',
      () =>
        podFailureTemplate({
          ...staging,
          stopConditions: [{ ...base.stopConditions[0], for: 'soon' }],
        }),
    ],
    [
      'stopConditions',
      () => podFailureTemplate({ ...staging, stopConditions: [] }),
    ],
    ['workers', () => cpuStressTemplate({ ...staging, workers: 0, load: 50 })],
    [
      'database.0',
      () =>
        databaseThrottlingTemplate({
          ...staging,
          database: ['db; rm -rf /'],
          throttle: { type: 'delay', latencyMs: 10 },
        }),
    ],
    ['runId', () => podFailureTemplate({ ...staging, runId: '--' })],
  ])('turns bad input into an InputError naming %s', (field, build) => {
    const error = (() => {
      try {
        build();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${field}:`);
  });

  it('reports what CI would reject, e.g. a production fault on every pod', () => {
    const resource = podFailureTemplate({
      ...production,
      mode: 'all',
      value: undefined,
    });
    expect(() => assertValidExperiment(resource, context)).toThrow(
      /hits 10 of 10 pods of ntai\/ntai-api \(100% with Chaos Mesh.s rounding; production limit 10%\)/,
    );
  });
});
