import { EventLoopLag } from '@internal/sandbox';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  promError,
  promErrorStatus,
  promMatrix,
  promVector,
} from '@internal/sandbox';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';
import { PrometheusQueryError } from './PrometheusQueryError';

// Wall-clock bounds below are a second plus however late this process ran
// its timers during the test, never a guessed sub-second slack.
let lag: EventLoopLag;
beforeEach(() => {
  lag = EventLoopLag.start();
});
afterEach(() => lag.stop());

const BASE = 'http://prometheus.test';
const QUERY = `${BASE}/api/v1/query`;

function providerWith(prometheus: Record<string, unknown> = {}) {
  return PrometheusMetricsProvider.fromConfig(
    new ConfigReader({
      ntInfra: { prometheus: { baseUrl: `${BASE}/`, ...prometheus } },
    }),
    // Short backoff keeps the suite fast; the attempt count is what matters.
    { logger: mockServices.logger.mock(), retryDelayMs: 10 },
  );
}

const errorResponse = (
  type: Parameters<typeof promError>[0],
  message: string,
) =>
  HttpResponse.json(promError(type, message), {
    status: promErrorStatus(type),
  });

describe('PrometheusMetricsProvider on the wire', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('POSTs the query as a form with the configured headers and parses every value', async () => {
    let form: URLSearchParams | undefined;
    let auth: string | null = null;
    server.use(
      http.post(QUERY, async ({ request }) => {
        form = new URLSearchParams(await request.text());
        auth = request.headers.get('authorization');
        return HttpResponse.json(
          promVector([
            { metric: { region: 'eastus' }, value: [1767225600.5, 0.25] },
            { metric: { region: 'westus' }, value: [1767225600.5, NaN] },
            {
              metric: { region: 'centralus' },
              value: [1767225600.5, Infinity],
            },
          ]),
        );
      }),
    );
    const samples = await providerWith({
      headers: { Authorization: 'Bearer prom' },
    }).query('ntai:slo_burn_rate:1h', new Date(1767225600500));

    expect(form?.get('query')).toBe('ntai:slo_burn_rate:1h');
    expect(form?.get('time')).toBe('1767225600.500');
    expect(auth).toBe('Bearer prom');
    expect(samples).toEqual([
      { labels: { region: 'eastus' }, timestamp: 1767225600500, value: 0.25 },
      { labels: { region: 'westus' }, timestamp: 1767225600500, value: NaN },
      {
        labels: { region: 'centralus' },
        timestamp: 1767225600500,
        value: Infinity,
      },
    ]);
  });

  it('asks for a range with start, end and step and returns the series', async () => {
    let form: URLSearchParams | undefined;
    server.use(
      http.post(`${BASE}/api/v1/query_range`, async ({ request }) => {
        form = new URLSearchParams(await request.text());
        return HttpResponse.json(
          promMatrix([
            {
              metric: { region: 'eastus' },
              values: [
                [1000, 0.1],
                [1030, 0.2],
              ],
            },
          ]),
        );
      }),
    );
    const series = await providerWith().queryRange(
      'ntai:http_errors:ratio_rate5m{region="eastus"}',
      new Date(1_000_000),
      new Date(1_030_000),
      30,
    );
    expect(Object.fromEntries(form!)).toEqual({
      query: 'ntai:http_errors:ratio_rate5m{region="eastus"}',
      start: '1000.000',
      end: '1030.000',
      step: '30',
    });
    expect(series).toEqual([
      {
        labels: { region: 'eastus' },
        points: [
          { timestamp: 1_000_000, value: 0.1 },
          { timestamp: 1_030_000, value: 0.2 },
        ],
      },
    ]);
  });

  it('retries a 503 and then answers', async () => {
    let calls = 0;
    server.use(
      http.post(QUERY, () =>
        ++calls === 1
          ? errorResponse('unavailable', 'too many queries in flight')
          : HttpResponse.json(promVector([{ metric: {}, value: [1, 1] }])),
      ),
    );
    await expect(providerWith().query('up')).resolves.toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('gives up after maxRetries + 1 attempts with the server’s reason', async () => {
    let calls = 0;
    server.use(
      http.post(QUERY, () => {
        calls++;
        return errorResponse('unavailable', 'too many queries in flight');
      }),
    );
    const error = await providerWith({ maxRetries: 3 })
      .query('up')
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error).toMatchObject({ errorType: 'unavailable', status: 503 });
    expect(error.message).toContain('too many queries in flight');
    expect(calls).toBe(4);
  });

  it('does not retry a bad query and carries its errorType', async () => {
    let calls = 0;
    server.use(
      http.post(QUERY, () => {
        calls++;
        return errorResponse(
          'bad_data',
          'invalid parameter "query": 1:8: parse error: unexpected "}"',
        );
      }),
    );
    const error = await providerWith()
      .query('ntai:x{}}')
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error).toMatchObject({ errorType: 'bad_data', status: 400 });
    expect(error.message).toContain('parse error');
    expect(calls).toBe(1);
  });

  it('times out a hanging Prometheus within timeoutMs', async () => {
    server.use(
      http.post(QUERY, async () => {
        await delay('infinite');
        return HttpResponse.json(promVector([]));
      }),
    );
    const started = Date.now();
    const error = await providerWith({ timeoutMs: 300, maxRetries: 0 })
      .query('up')
      .catch(e => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ errorType: 'timeout' });
    expect(error.message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(lag.wallBound(300));
  });

  it('retries each timed-out attempt, bounded by maxRetries', async () => {
    let calls = 0;
    server.use(
      http.post(QUERY, async () => {
        calls++;
        await delay('infinite');
        return HttpResponse.json(promVector([]));
      }),
    );
    const started = Date.now();
    const error = await providerWith({ timeoutMs: 200, maxRetries: 1 })
      .query('up')
      .catch(e => e);
    expect(error).toMatchObject({ errorType: 'timeout' });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(lag.wallBound(2 * 200));
  });

  it('reports a body that is not JSON clearly, without retrying', async () => {
    let calls = 0;
    server.use(
      http.post(QUERY, () => {
        calls++;
        return new HttpResponse('<html>Sign in to continue</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        });
      }),
    );
    const error = await providerWith()
      .query('up')
      .catch(e => e);
    expect(error).toMatchObject({ errorType: 'bad_response', status: 200 });
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('Sign in to continue');
    expect(calls).toBe(1);
  });
});
