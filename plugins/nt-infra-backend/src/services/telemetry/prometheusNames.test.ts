import { tracingServiceMock } from '@backstage/backend-test-utils/alpha';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import fs from 'fs';
import path from 'path';
import { RunTelemetry } from './RunTelemetry';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
/** What reads the portal's own metrics: its dashboard, its alerts and their promtool tests, the series catalog CI checks queries against. */
const READERS = [
  'monitoring/grafana/dashboards/portal-health.json',
  'monitoring/prometheus/series.yaml',
  'monitoring/prometheus/rules/alerts.rules.yaml',
  'monitoring/prometheus/tests/alerts.test.yaml',
];

/**
 * The series Prometheus stores for an OTLP metric, as the collector's
 * prometheusremotewrite exporter names them (add_metric_suffixes, its
 * default): dots to underscores, the unit as a suffix (`s` → `_seconds`),
 * `_total` on monotonic sums, and a histogram's `_bucket`, `_sum`, `_count`.
 */
function prometheusSeries(metric: MetricData): string[] {
  const units: Record<string, string> = { s: 'seconds' };
  let name = metric.descriptor.name.replace(/\./g, '_');
  const unit = units[metric.descriptor.unit];
  if (unit && !name.endsWith(`_${unit}`)) name += `_${unit}`;
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return [metric.isMonotonic ? `${name}_total` : name];
    case DataPointType.HISTOGRAM:
      return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
    default:
      return [name];
  }
}

describe('the names the portal’s own dashboard and alerts read', () => {
  it('are series the portal’s metrics become in Prometheus', async () => {
    const exporter = new InMemoryMetricExporter(
      AggregationTemporality.CUMULATIVE,
    );
    const reader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
    });
    const telemetry = RunTelemetry.create({
      metrics: new MeterProvider({ readers: [reader] }).getMeter('t'),
      tracing: tracingServiceMock.mock(),
    });
    // Every instrument once, so that each is exported.
    const run = {
      kind: 'chaos',
      environment: 'staging',
      steps: [],
    } as unknown as RunDetail;
    telemetry.transitioned(run, 'running');
    telemetry.transitioned(run, 'rolled-back');
    telemetry.transitioned(run, 'stopping', { rollback: { delayMs: 800 } });
    telemetry.audited({ action: 'chaos.run.start', decision: 'denied' });
    await telemetry.tick(async () => 0);
    await expect(
      telemetry.tick(() => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow();

    await reader.forceFlush();
    const emitted = exporter
      .getMetrics()
      .flatMap(r => r.scopeMetrics)
      .flatMap(s => s.metrics)
      .flatMap(prometheusSeries);
    expect(emitted).toEqual(
      expect.arrayContaining([
        'nt_infra_runs_refused_total',
        'nt_infra_stop_condition_latency_seconds_bucket',
        'nt_infra_reconciler_last_success_age_seconds',
      ]),
    );

    for (const file of READERS) {
      const read = new Set(
        fs
          .readFileSync(path.join(REPO_ROOT, file), 'utf8')
          .match(/\bnt_infra_[a-z_]+/g),
      );
      expect(read.size).toBeGreaterThan(0);
      expect({
        file,
        unknown: [...read].filter(n => !emitted.includes(n)),
      }).toEqual({ file, unknown: [] });
    }
  });
});
