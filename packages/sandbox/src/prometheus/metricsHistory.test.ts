import { startTestSandbox, TestSandbox } from '../testing/testSandbox';

jest.setTimeout(30_000);

async function query(sandbox: TestSandbox, path: string) {
  const res = await fetch(`${sandbox.endpoints.prometheus}${path}`);
  return ((await res.json()) as any).data.result as Array<{
    metric: Record<string, string>;
    value?: [number, string];
    values?: [number, string][];
  }>;
}

describe('metrics history at start', () => {
  it('a new world already has an hour of healthy SLIs, so dashboards show data at once', async () => {
    const sandbox = await startTestSandbox({
      speed: 1,
      metricsHistoryMinutes: 60,
    });
    try {
      const rates = await query(
        sandbox,
        `/api/v1/query?query=${encodeURIComponent(
          'ntai:http_requests:rate5m',
        )}`,
      );
      const east = rates.find(r => r.metric.region === 'eastus');
      expect(Number(east?.value?.[1])).toBeGreaterThan(1);
      const availability = await query(
        sandbox,
        `/api/v1/query?query=${encodeURIComponent(
          'ntai:availability:ratio_rate5m{region="eastus"}',
        )}`,
      );
      expect(Number(availability[0].value?.[1])).toBeGreaterThan(0.999);

      const end = (await sandbox.worldNow()) / 1000;
      const range = await query(
        sandbox,
        `/api/v1/query_range?query=${encodeURIComponent(
          'ntai:http_requests:rate5m{region="eastus"}',
        )}&start=${end - 3600}&end=${end}&step=60`,
      );
      // Every minute of the last hour but the first five (the rate's own window).
      expect(range[0].values!.length).toBeGreaterThanOrEqual(55);
    } finally {
      await sandbox.stop();
    }
  });

  it('starts empty when asked for no history (tests do, by default)', async () => {
    const sandbox = await startTestSandbox({
      speed: 1,
      metricsHistoryMinutes: 0,
    });
    try {
      const rates = await query(
        sandbox,
        `/api/v1/query?query=${encodeURIComponent(
          'ntai:http_requests:rate5m',
        )}`,
      );
      expect(rates).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });
});
