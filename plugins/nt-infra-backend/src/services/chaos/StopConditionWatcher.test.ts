import { StopCondition } from '@internal/plugin-nt-infra-common';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import {
  MISSING_METRICS_GRACE_MS,
  StopConditionWatcher,
} from './StopConditionWatcher';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Prometheus as seen through the provider: a value per query, or a failure. */
function world() {
  let now = T0;
  const values = new Map<string, number | Error | undefined>();
  const metrics: jest.Mocked<MetricsProvider> = {
    query: jest.fn(async (q: string) => {
      const v = values.get(q);
      if (v instanceof Error) throw v;
      return v === undefined ? [] : [{ labels: {}, timestamp: now, value: v }];
    }),
    queryRange: jest.fn(),
    querySamples: jest.fn(),
  };
  return {
    metrics,
    clock: { now: () => new Date(now) },
    set: (q: string, v: number | Error | undefined) => values.set(q, v),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const burn = (f: string): StopCondition => ({
  metric: 'ntai:slo_burn_rate:5m',
  op: '>',
  threshold: 14.4,
  for: f,
});
const EAST = 'ntai:slo_burn_rate:5m{region="eastus"}';
const WEST = 'ntai:slo_burn_rate:5m{region="westus"}';

describe('StopConditionWatcher', () => {
  it('breaches at once with for 0s, only in the region that burns', async () => {
    const w = world();
    w.set(EAST, 0.2);
    w.set(WEST, 1000);
    const watcher = StopConditionWatcher.create({
      conditions: [burn('0s')],
      regions: ['eastus', 'westus'],
      metrics: w.metrics,
      clock: w.clock,
      failSafe: true,
    });
    const verdict = await watcher.evaluate();
    expect(verdict.breached).toBe(true);
    expect(verdict.evidence).toEqual([
      {
        metric: 'ntai:slo_burn_rate:5m',
        region: 'westus',
        op: '>',
        threshold: 14.4,
        for: '0s',
        query: WEST,
        value: 1000,
        breachedSince: new Date(T0).toISOString(),
        detectionLatencyMs: 0,
      },
    ]);
    expect(w.metrics.query).toHaveBeenCalledWith(EAST);
  });

  it('waits until the breach has held for `for`, and an interruption restarts it', async () => {
    const w = world();
    w.set(EAST, 20);
    const watcher = StopConditionWatcher.create({
      conditions: [burn('1m')],
      regions: ['eastus'],
      metrics: w.metrics,
      clock: w.clock,
      failSafe: true,
    });
    expect((await watcher.evaluate()).breached).toBe(false);
    w.advance(40_000);
    w.set(EAST, 10); // recovered: the minute starts over
    expect((await watcher.evaluate()).breached).toBe(false);
    w.advance(5_000);
    w.set(EAST, 20);
    expect((await watcher.evaluate()).breached).toBe(false);
    w.advance(55_000);
    expect((await watcher.evaluate()).breached).toBe(false);
    w.advance(5_000);
    const verdict = await watcher.evaluate();
    expect(verdict.breached).toBe(true);
    expect(verdict.evidence[0]).toMatchObject({
      value: 20,
      breachedSince: new Date(T0 + 45_000).toISOString(),
      // first breaching sample → the call that reports it
      detectionLatencyMs: 60_000,
    });
    // A stop condition fires once: later calls keep reporting it.
    w.set(EAST, 1);
    w.advance(5_000);
    expect((await watcher.evaluate()).evidence).toEqual(verdict.evidence);
  });

  it.each([
    ['no sample', undefined],
    ['NaN', NaN],
    [
      'query failed: bad_data: unknown metric',
      new Error('bad_data: unknown metric'),
    ],
  ])(
    'fail-safe counts a missing metric (%s) as a breach in production, and only reports it in staging',
    async (reason, value) => {
      const condition = { ...burn('0s'), metric: 'ntai:not_served' };
      const query = 'ntai:not_served{region="eastus"}';
      const w = world();
      w.set(query, value as number | Error | undefined);
      const options = {
        conditions: [condition],
        regions: ['eastus'],
        metrics: w.metrics,
        clock: w.clock,
      };
      const missing = [
        { metric: 'ntai:not_served', region: 'eastus', query, reason },
      ];

      const prod = await StopConditionWatcher.create({
        ...options,
        failSafe: true,
      }).evaluate();
      expect(prod.breached).toBe(true);
      expect(prod.evidence).toEqual([
        expect.objectContaining({ missing: reason, region: 'eastus' }),
      ]);
      expect(prod.evidence[0]).not.toHaveProperty('value');
      expect(prod.missing).toEqual(missing);

      const stag = await StopConditionWatcher.create({
        ...options,
        failSafe: false,
      }).evaluate();
      expect(stag).toMatchObject({ breached: false, evidence: [], missing });
    },
  );

  it("tolerates missing metrics for one scrape interval, not the condition's minute", async () => {
    const w = world();
    w.set(EAST, undefined);
    w.set(WEST, 1000);
    const watcher = StopConditionWatcher.create({
      conditions: [burn('1m')],
      regions: ['eastus', 'westus'],
      metrics: w.metrics,
      clock: w.clock,
      failSafe: true,
    });
    expect((await watcher.evaluate()).breached).toBe(false);
    w.advance(MISSING_METRICS_GRACE_MS);
    const blind = await watcher.evaluate();
    expect(blind.breached).toBe(true);
    // East went blind and fired; west's real burn still needs its full minute.
    expect(blind.evidence.map(e => [e.region, e.missing])).toEqual([
      ['eastus', 'no sample'],
    ]);
    w.advance(60_000 - MISSING_METRICS_GRACE_MS);
    expect(
      (await watcher.evaluate()).evidence.map(e => e.region).sort(),
    ).toEqual(['eastus', 'westus']);
  });

  it('escapes regions and refuses metric names that are not plain names', () => {
    const w = world();
    StopConditionWatcher.create({
      conditions: [burn('0s')],
      regions: ['east"us'],
      metrics: w.metrics,
      failSafe: true,
    }).evaluate();
    expect(w.metrics.query).toHaveBeenCalledWith(
      'ntai:slo_burn_rate:5m{region="east\\"us"}',
    );
    expect(() =>
      StopConditionWatcher.create({
        conditions: [{ ...burn('0s'), metric: 'up or vector(1)' }],
        regions: ['eastus'],
        metrics: w.metrics,
        failSafe: true,
      }),
    ).toThrow("Invalid field 'stopConditions.0.metric'");
    expect(() =>
      StopConditionWatcher.create({
        conditions: [burn('a while')],
        regions: ['eastus'],
        metrics: w.metrics,
        failSafe: true,
      }),
    ).toThrow("Invalid field 'stopConditions.0.for'");
  });
});
