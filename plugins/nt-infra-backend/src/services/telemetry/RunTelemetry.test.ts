import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { tracingServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConflictError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import {
  defaultTopologyPath,
  loadTopology,
  startTestSandbox,
  TestSandbox,
  waitFor,
} from '@internal/sandbox';
import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPoint,
  Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import request from 'supertest';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../../plugin';
import { RunTelemetry } from './RunTelemetry';

jest.setTimeout(90_000);

/*
 * The OpenTelemetry SDK with in-memory exporters stands where the portal's
 * deployment puts its OTLP exporters; the plugin reaches it only through
 * Backstage's tracing and metrics services, as in production.
 */
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(
  AggregationTemporality.CUMULATIVE,
);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  // Collected on demand (forceFlush) only.
  exportIntervalMillis: 3_600_000,
});

async function collected() {
  metricExporter.reset();
  await reader.forceFlush();
  const points = new Map<string, DataPoint<unknown>[]>();
  for (const resource of metricExporter.getMetrics()) {
    for (const scope of resource.scopeMetrics) {
      for (const metric of scope.metrics) {
        points.set(metric.descriptor.name, metric.dataPoints);
      }
    }
  }
  return points;
}

const burnStop = {
  metric: 'ntai:slo_burn_rate:5m',
  op: '>',
  threshold: 14.4,
  for: '0s',
};
const podFailureAll = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '10m',
  mode: 'all',
  stopConditions: [burnStop],
};

describe('the portal’s own traces and metrics', () => {
  let sandbox: TestSandbox;
  let server: any;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(
      new TracerProvider({
        spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
      }),
    );
    // Before the plugin starts: meters are bound when its services are made.
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    const topology = loadTopology(defaultTopologyPath());
    for (const w of topology.regions
      .flatMap(r => r.clusters)
      .flatMap(c => c.workloads)) {
      if (w.name === 'ntai-api') w.replicas = 10;
    }
    sandbox = await startTestSandbox({ speed: 20, topology });
    ({ server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, { environment: 'staging' }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'error' }),
        // The real scheduler: the reconciler must actually tick.
        schedulerServiceFactory,
      ],
    }));
  });
  afterAll(async () => {
    await sandbox?.stop();
    trace.disable();
    metrics.disable();
  });

  const post = (path: string, body: object, key?: string) => {
    let req = request(server)
      .post(`/api/nt-infra${path}`)
      .set('Authorization', mockCredentials.user.header());
    if (key) req = req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('traces each run tick and counts a refusal, a start, a rollback and its latency', async () => {
    // Refused: nothing starts while halt-all is engaged.
    expect((await post('/halt', { reason: 'telemetry test' })).status).toBe(
      200,
    );
    const refused = await post('/runs/chaos', {
      environment: 'staging',
      regions: ['westus'],
      template: podFailureAll,
    });
    expect(refused.status).toBe(409);
    expect(
      (await post('/halt/release', { reason: 'telemetry test' })).status,
    ).toBe(200);

    const started = await post(
      '/runs/chaos',
      {
        environment: 'staging',
        regions: ['westus'],
        template: podFailureAll,
      },
      'telemetry-rollback',
    );
    expect(started.status).toBe(201);
    const id: string = started.body.id;
    await waitFor(async () => {
      const res = await request(server)
        .get(`/api/nt-infra/runs/${id}`)
        .set('Authorization', mockCredentials.user.header());
      return (res.body as RunDetail).state === 'rolled-back';
    }, 60_000);

    const runSpans = spans
      .getFinishedSpans()
      .filter(
        s =>
          s.name === 'nt-infra run tick' &&
          s.attributes['nt_infra.run.id'] === id,
      );
    expect(runSpans.length).toBeGreaterThanOrEqual(3);
    expect(runSpans[0].attributes).toMatchObject({
      'nt_infra.run.kind': 'chaos',
      'nt_infra.run.environment': 'staging',
      'backstage.plugin.id': 'nt-infra',
    });
    expect(
      new Set(runSpans.map(s => s.attributes['nt_infra.run.state'])),
    ).toEqual(new Set(['approved', 'running', 'stopping']));
    const ticks = spans
      .getFinishedSpans()
      .filter(s => s.name === 'nt-infra reconciler tick');
    expect(
      ticks.some(s => Number(s.attributes['nt_infra.runs.advanced']) >= 1),
    ).toBe(true);

    const points = await collected();
    const chaosStaging = { kind: 'chaos', environment: 'staging' };
    expect(points.get('nt_infra.runs.refused')).toEqual([
      expect.objectContaining({ attributes: chaosStaging, value: 1 }),
    ]);
    expect(points.get('nt_infra.runs.started')).toEqual([
      expect.objectContaining({ attributes: chaosStaging, value: 1 }),
    ]);
    expect(points.get('nt_infra.runs.rolled_back')).toEqual([
      expect.objectContaining({ attributes: chaosStaging, value: 1 }),
    ]);
    const [latency] = points.get('nt_infra.stop_condition.latency')!;
    expect(latency.attributes).toEqual({ environment: 'staging' });
    expect((latency.value as Histogram).count).toBe(1);
    expect((latency.value as Histogram).max).toBeLessThan(5);
    const [duration] = points.get('nt_infra.reconciler.tick.duration')!;
    expect((duration.value as Histogram).count).toBeGreaterThanOrEqual(
      runSpans.length,
    );
    const [age] = points.get('nt_infra.reconciler.last_success_age')!;
    expect(age.value).toBeGreaterThanOrEqual(0);
    expect(age.value).toBeLessThan(30);
    expect(points.get('nt_infra.reconciler.tick.failures')).toBeUndefined();
  });
});

describe('RunTelemetry failure accounting', () => {
  it('counts refused starts by kind and environment, however the refusal names it', async () => {
    const exporter = new InMemoryMetricExporter(
      AggregationTemporality.CUMULATIVE,
    );
    const ownReader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
    });
    const meter = new MeterProvider({ readers: [ownReader] }).getMeter('t');
    const telemetry = RunTelemetry.create({
      metrics: meter,
      tracing: tracingServiceMock.mock(),
    });
    const denied = { decision: 'denied' as const };
    // On request: chaos names environment/regions, failover the environment,
    // a GameDay its scenario (environment in the details).
    telemetry.audited({
      ...denied,
      action: 'chaos.run.start',
      targetType: 'environment',
      targetId: 'production/eastus,westus',
    });
    telemetry.audited({
      ...denied,
      action: 'failover.run.start',
      targetType: 'environment',
      targetId: 'staging',
    });
    telemetry.audited({
      ...denied,
      action: 'gameday.start',
      targetType: 'scenario',
      targetId: 'regional-outage',
      details: { environment: 'production' },
    });
    // At start, by the reconciler: the run, environment in the details.
    telemetry.audited({
      ...denied,
      action: 'failover.run.start',
      targetType: 'run',
      targetId: 'r1',
      details: { environment: 'production' },
    });
    // Not refusals of a start.
    telemetry.audited({ ...denied, action: 'window.request' });
    telemetry.audited({ decision: 'allowed', action: 'gameday.start' });

    await ownReader.forceFlush();
    const [refused] = exporter
      .getMetrics()
      .flatMap(r => r.scopeMetrics)
      .flatMap(s => s.metrics)
      .filter(m => m.descriptor.name === 'nt_infra.runs.refused');
    expect(refused.dataPoints.map(p => [p.attributes, p.value])).toEqual(
      expect.arrayContaining([
        [{ kind: 'chaos', environment: 'production' }, 1],
        [{ kind: 'failover', environment: 'staging' }, 1],
        [{ kind: 'gameday', environment: 'production' }, 1],
        [{ kind: 'failover', environment: 'production' }, 1],
      ]),
    );
    expect(refused.dataPoints).toHaveLength(4);
  });

  it('counts failed passes and failed run ticks, not lost races, and ages the last good pass', async () => {
    const exporter = new InMemoryMetricExporter(
      AggregationTemporality.CUMULATIVE,
    );
    const ownReader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
    });
    const meter = new MeterProvider({ readers: [ownReader] }).getMeter('t');
    let now = 1_000_000;
    const telemetry = RunTelemetry.create({
      metrics: meter,
      tracing: tracingServiceMock.mock(),
      now: () => now,
    });
    const run = {
      id: 'r1',
      kind: 'failover',
      environment: 'production',
      state: 'running',
      steps: [],
    } as unknown as RunDetail;

    await expect(
      telemetry.tick(() => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    await expect(
      telemetry.advance(run, () => Promise.reject(new ConflictError('moved'))),
    ).rejects.toThrow('moved');
    await expect(
      telemetry.advance(run, () => Promise.reject(new Error('ARM 500'))),
    ).rejects.toThrow('ARM 500');
    now += 42_000;

    await ownReader.forceFlush();
    const byName = new Map(
      exporter
        .getMetrics()
        .flatMap(r => r.scopeMetrics)
        .flatMap(s => s.metrics)
        .map(m => [m.descriptor.name, m.dataPoints]),
    );
    expect(
      byName
        .get('nt_infra.reconciler.tick.failures')!
        .map(p => [p.attributes, p.value]),
    ).toEqual([
      [{ stage: 'pass' }, 1],
      [{ stage: 'run', kind: 'failover' }, 1],
    ]);
    expect(byName.get('nt_infra.reconciler.last_success_age')![0].value).toBe(
      42,
    );
  });
});
