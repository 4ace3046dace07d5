import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import os from 'os';

/** The collector's tail sampling keeps every span of this service (monitoring/opentelemetry). */
export const PORTAL_SERVICE_NAME = 'nt-infra-portal';

/**
 * A 15 s export: the reconciler-lag alert (30 s for 1 m) sees a stuck
 * replica within its own window, not a minute late.
 */
const DEFAULT_EXPORT_INTERVAL_MS = 15_000;

export interface PortalTelemetry {
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK behind Backstage's tracing and metrics
 * services (which use the global OpenTelemetry API and export nothing by
 * themselves): spans and metrics go by OTLP/HTTP to the collector named by
 * the standard `OTEL_EXPORTER_OTLP_ENDPOINT`. Without it (local start,
 * tests) nothing is registered and the services stay no-ops.
 *
 * Must run before the backend starts: the metrics API hands out no-op meters
 * to anyone who asks before a provider is registered.
 */
export function startOpenTelemetry(
  env: NodeJS.ProcessEnv = process.env,
): PortalTelemetry | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return undefined;
  const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL);

  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME || PORTAL_SERVICE_NAME,
    // One series per replica: the alerts group by instance, and two replicas
    // writing the same series would overwrite each other.
    'service.instance.id':
      env.OTEL_SERVICE_INSTANCE_ID || env.HOSTNAME || os.hostname(),
  });
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
      }),
    ],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
        exportIntervalMillis:
          Number.isFinite(interval) && interval > 0
            ? interval
            : DEFAULT_EXPORT_INTERVAL_MS,
      }),
    ],
  });
  // A run's span is a child of the reconciler tick that advanced it.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);

  return {
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
      trace.disable();
      metrics.disable();
      context.disable();
      contextManager.disable();
    },
  };
}
