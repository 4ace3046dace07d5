import { trace } from '@opentelemetry/api';
import { spawn } from 'child_process';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import { startOpenTelemetry } from './openTelemetry';

interface Received {
  path: string;
  contentType?: string;
  body: any;
}

/** A stand-in for the collector's OTLP/HTTP receiver, on a loopback port. */
async function startCollector() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(text),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    received,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

const attributes = (resource: any) =>
  Object.fromEntries(
    resource.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]),
  );

describe('startOpenTelemetry', () => {
  it('registers nothing without a collector endpoint', () => {
    expect(startOpenTelemetry({})).toBeUndefined();
    expect(
      startOpenTelemetry({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
    // Still the API's no-op provider.
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  // A Node process per test, with the TypeScript transform: not instant.
  jest.setTimeout(60_000);

  it('exports the portal’s spans and metrics to the collector, as one replica of nt-infra-portal', async () => {
    const collector = await startCollector();
    try {
      const { code, stderr } = await new Promise<{
        code: number | null;
        stderr: string;
      }>(resolve => {
        let err = '';
        const child = spawn(
          process.execPath,
          [
            '--require',
            require.resolve('@backstage/cli/config/nodeTransform.cjs'),
            path.join(__dirname, '__testUtils__', 'emitTelemetry.ts'),
          ],
          {
            env: {
              PATH: process.env.PATH,
              OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
              HOSTNAME: 'nt-infra-portal-7d9f-abcde',
            },
          },
        );
        child.stderr.on('data', chunk => (err += chunk));
        child.on('close', exitCode => resolve({ code: exitCode, stderr: err }));
      });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      await collector.stop();
    }

    const byPath = (url: string) =>
      collector.received.filter(r => r.path === url);
    const [metricsPost] = byPath('/v1/metrics');
    expect(metricsPost.contentType).toBe('application/json');
    const [resourceMetrics] = metricsPost.body.resourceMetrics;
    expect(attributes(resourceMetrics.resource)).toMatchObject({
      'service.name': 'nt-infra-portal',
      'service.instance.id': 'nt-infra-portal-7d9f-abcde',
    });
    const refused = resourceMetrics.scopeMetrics
      .flatMap((s: any) => s.metrics)
      .find((m: any) => m.name === 'nt_infra.runs.refused');
    // Monotonic: the exporter to Prometheus names it ..._total.
    expect(refused.sum).toMatchObject({ isMonotonic: true });
    expect(
      refused.sum.dataPoints[0].asDouble ?? refused.sum.dataPoints[0].asInt,
    ).toBe(1);

    const spans = byPath('/v1/traces')
      .flatMap(r => r.body.resourceSpans)
      .flatMap((r: any) => r.scopeSpans)
      .flatMap((s: any) => s.spans);
    const tick = spans.find((s: any) => s.name === 'nt-infra reconciler tick');
    const run = spans.find((s: any) => s.name === 'nt-infra run tick');
    expect(run.traceId).toBe(tick.traceId);
    expect(run.parentSpanId).toBe(tick.spanId);
  });
});
