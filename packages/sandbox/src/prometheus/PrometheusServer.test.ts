import {
  startTestSandbox,
  TestSandbox,
  waitFor,
  waitForOnline,
} from '../testing/testSandbox';

// Each file boots a whole world (certificates, a dozen servers); on a busy 2-core CI machine
// that and the fast-clock waits need more than jest's default 5 s.
jest.setTimeout(30_000);

describe('Prometheus HTTP API', () => {
  let sandbox: TestSandbox;
  const query = async (q: string, init?: { post?: boolean; time?: number }) => {
    const params = new URLSearchParams({
      query: q,
      ...(init?.time ? { time: String(init.time) } : {}),
    });
    const res = init?.post
      ? await fetch(`${sandbox.endpoints.prometheus}/api/v1/query`, {
          method: 'POST',
          body: params.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      : await fetch(`${sandbox.endpoints.prometheus}/api/v1/query?${params}`);
    return { status: res.status, body: (await res.json()) as any };
  };
  const valueOf = (body: any, region: string) =>
    Number(
      body.data.result.find((r: any) => r.metric.region === region)?.value[1],
    );

  beforeAll(async () => {
    // Ten minutes of metrics history: the 5-minute windows are full from the start;
    // 30× (not more) keeps Traffic Manager's 5 s probe timeout above 150 ms of wall time, which
    // a busy machine meets: a timed-out probe would move the users and change the figures.
    sandbox = await startTestSandbox({ speed: 30, metricsHistoryMinutes: 10 });
    await waitForOnline(sandbox);
    await waitFor(
      async () =>
        (await query('ntai:http_requests:rate5m')).body.data.result.length ===
        4,
      10000,
    );
  });
  afterAll(() => sandbox.stop());

  it('answers every recording rule of the naming contract per region', async () => {
    const names = [
      'ntai:http_requests:rate5m',
      'ntai:http_request_duration_seconds:p99_5m',
      'ntai:availability:ratio_rate5m',
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].flatMap(w => [
        `ntai:http_errors:ratio_rate${w}`,
        `ntai:slo_burn_rate:${w}`,
      ]),
    ];
    for (const name of names) {
      const { status, body } = await query(name);
      expect(status).toBe(200);
      expect(body.status).toBe('success');
      expect(body.data.resultType).toBe('vector');
      expect(
        body.data.result
          .map((r: any) => [r.metric.__name__, r.metric.region])
          .sort(),
      ).toEqual([
        [name, 'eastus'],
        [name, 'staging-eastus'],
        [name, 'staging-westus'],
        [name, 'westus'],
      ]);
    }
    const lag = await query('ntai:db_replication_lag_seconds:max');
    expect(
      lag.body.data.result.map((r: any) => r.metric.region).sort(),
    ).toEqual(['eastus', 'staging-eastus', 'staging-westus', 'westus']);
    const up = await query('ntai:traffic_manager_endpoint_up:min');
    expect(
      up.body.data.result
        .map((r: any) => [r.metric.profile, r.metric.endpoint, r.value[1]])
        .sort(),
    ).toEqual([
      ['tm-ntai-production', 'eastus', '1'],
      ['tm-ntai-production', 'westus', '1'],
      ['tm-ntai-staging', 'eastus', '1'],
      ['tm-ntai-staging', 'westus', '1'],
    ]);
  });

  it('a healthy world is inside the SLO; the primary carries the traffic', async () => {
    const rate = (await query('ntai:http_requests:rate5m')).body;
    expect(valueOf(rate, 'eastus')).toBeGreaterThan(
      10 * valueOf(rate, 'westus'),
    );
    const burn = (await query('ntai:slo_burn_rate:5m')).body;
    expect(valueOf(burn, 'eastus')).toBeLessThan(1);
    const p99 = (await query('ntai:http_request_duration_seconds:p99_5m')).body;
    expect(valueOf(p99, 'eastus')).toBeGreaterThan(0.01);
    expect(valueOf(p99, 'eastus')).toBeLessThan(0.25);
  });

  it('supports label matchers (=, !=, =~, !~) over GET and POST form', async () => {
    expect(
      (await query('ntai:availability:ratio_rate5m{region="eastus"}')).body.data
        .result,
    ).toHaveLength(1);
    expect(
      (
        await query('ntai:availability:ratio_rate5m{region!="eastus"}')
      ).body.data.result
        .map((r: any) => r.metric.region)
        .sort(),
    ).toEqual(['staging-eastus', 'staging-westus', 'westus']);
    expect(
      (
        await query('ntai:availability:ratio_rate5m{region=~"east.*"}', {
          post: true,
        })
      ).body.data.result[0].metric.region,
    ).toBe('eastus');
    expect(
      (await query('{__name__=~"ntai:slo_burn_rate:.*", region!~"west.*"}'))
        .body.data.result,
    ).toHaveLength(8 * 3); // eastus, staging-eastus, staging-westus
    const raw = (
      await query(
        'http_requests_total{region="eastus",service="ntai-api",code="200",route="/"}',
      )
    ).body;
    expect(raw.data.result).toHaveLength(1);
    expect(Number(raw.data.result[0].value[1])).toBeGreaterThan(0);
  });

  it('answers a range selector with the raw samples at their scrape times', async () => {
    const { status, body } = await query(
      'http_requests_total{region="eastus",service="ntai-api",code="200",route="/"}[2m]',
    );
    expect(status).toBe(200);
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result).toHaveLength(1);
    const values: [number, string][] = body.data.result[0].values;
    // Two minutes of 15 s scrapes: 8 samples, 15 s apart, a counter that only grows.
    expect(values.length).toBeGreaterThanOrEqual(7);
    expect(values.length).toBeLessThanOrEqual(9);
    for (let i = 1; i < values.length; i++) {
      expect(values[i][0] - values[i - 1][0]).toBeCloseTo(15, 3);
      expect(Number(values[i][1])).toBeGreaterThan(Number(values[i - 1][1]));
    }
  });

  it('rejects what it does not implement with bad_data, clearly', async () => {
    for (const q of [
      'rate(http_requests_total[5m])',
      'sum by (region) (ntai:http_requests:rate5m)',
      'ntai:http_requests:rate5m > 1',
      'http_requests_total[5m] > 1',
    ]) {
      const { status, body } = await query(q);
      expect(status).toBe(400);
      expect(body).toEqual({
        status: 'error',
        errorType: 'bad_data',
        error: expect.stringContaining('only instant vector selectors'),
      });
    }
    const parse = await query('ntai:http_requests:rate5m{region=}');
    expect(parse.status).toBe(400);
    expect(parse.body.error).toMatch(/parse error/);
    const empty = await fetch(`${sandbox.endpoints.prometheus}/api/v1/query`);
    expect(empty.status).toBe(400);
    const range = await fetch(
      `${sandbox.endpoints.prometheus}/api/v1/query_range?query=up&start=10&end=1&step=15`,
    );
    expect(((await range.json()) as any).errorType).toBe('bad_data');
  });

  it('query_range returns a matrix stepping through world time', async () => {
    // The history before the world's start answers ranges too.
    const now = (await sandbox.control('/clock')).worldTimeMs / 1000;
    const res = await fetch(
      `${sandbox.endpoints.prometheus}/api/v1/query_range?${new URLSearchParams(
        {
          query: 'ntai:availability:ratio_rate5m{region="eastus"}',
          start: String(now - 120),
          end: String(now),
          step: '30s',
        },
      )}`,
    );
    const body: any = await res.json();
    expect(body.data.resultType).toBe('matrix');
    const values = body.data.result[0].values;
    expect(values.length).toBeGreaterThanOrEqual(4);
    expect(values[1][0] - values[0][0]).toBe(30);
  });

  it('faults show up in the SLIs: a region outage burns the error budget', async () => {
    await sandbox.control('/faults', {
      method: 'POST',
      body: {
        kind: 'unready',
        region: 'westus',
        deployment: 'ntai-api',
        count: 8,
      },
    });
    // 8 of production's 10 api pods unready: the last two cannot carry the load (needs 5), requests fail.
    const burning = await waitFor(async () => {
      const b = (await query('ntai:slo_burn_rate:5m{region="westus"}')).body;
      return valueOf(b, 'westus') > 14.4 && b;
    }, 15000);
    expect(burning.data.result).toHaveLength(1);
    const eastBurn = valueOf(
      (await query('ntai:slo_burn_rate:5m')).body,
      'eastus',
    );
    expect(eastBurn).toBeLessThan(1);
    // Staging's westus is a different app: a production fault does not reach it.
    const stagingBurn = valueOf(
      (await query('ntai:slo_burn_rate:5m')).body,
      'staging-westus',
    );
    expect(stagingBurn).toBeLessThan(1);
  });

  it('exposes raw series in the text exposition format at /metrics', async () => {
    const text = await (
      await fetch(`${sandbox.endpoints.prometheus}/metrics`)
    ).text();
    expect(text).toMatch(/^# TYPE http_requests_total counter$/m);
    expect(text).toMatch(
      /^http_requests_total\{region="eastus",service="ntai-api",code="200",method="GET",route="\/"\} \d/m,
    );
    expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{region="eastus",service="ntai-web",le="\+Inf"\} \d/m,
    );
    expect(text).toMatch(
      /^db_replication_lag_seconds\{region="westus",database="ntai-postgres"\} /m,
    );
  });
});
