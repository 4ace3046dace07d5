/*
 * Run as its own Node process by openTelemetry.test.ts: the OTLP exporters
 * load their HTTP transport with a dynamic import, which Jest's module
 * sandbox cannot run, so the export is tested in a plain Node process, as the
 * portal runs.
 */
import { metrics, trace } from '@opentelemetry/api';
import { startOpenTelemetry } from '../openTelemetry';

async function main() {
  const telemetry = startOpenTelemetry();
  if (!telemetry) throw new Error('OpenTelemetry was not started');
  // As Backstage's metrics and tracing services do: the global API.
  metrics
    .getMeter('backstage-plugin-nt-infra')
    .createCounter('nt_infra.runs.refused')
    .add(1, { kind: 'chaos', environment: 'production' });
  const tracer = trace.getTracer('backstage-plugin-nt-infra');
  await tracer.startActiveSpan('nt-infra reconciler tick', async tick => {
    await tracer.startActiveSpan('nt-infra run tick', async run => {
      await new Promise(resolve => setImmediate(resolve));
      run.end();
    });
    tick.end();
  });
  await telemetry.shutdown();
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
