import {
  countersUnusable,
  measureUserImpact,
  UserImpactInput,
} from './measureUserImpact';
import {
  aggregateIntervals,
  clockMapping,
  TrafficInterval,
} from './userTraffic';

const CUT = '2026-01-01T00:00:00.000Z';
const CUT_MS = Date.parse(CUT);
const SCRAPE_MS = 15_000;

/**
 * Users as the sandbox's clients behave: all on the primary until the cut;
 * from the switch on, caches expire evenly over the TTL, so the primary's
 * share falls linearly to 0 at switch + TTL. `primaryFails`: the primary
 * rejects every request after the cut (unhealthy) or serves them (drain).
 */
function intervals(opts: {
  switchSeconds: number;
  ttlSeconds: number;
  untilSeconds: number;
  primaryFails: boolean;
  rps?: number;
}): TrafficInterval[] {
  const rps = opts.rps ?? 50;
  const onPrimary = (t: number) =>
    t < opts.switchSeconds
      ? 1
      : Math.max(
          0,
          1 - (t - opts.switchSeconds) / Math.max(opts.ttlSeconds, 1e-9),
        );
  const out: TrafficInterval[] = [];
  // Scrapes not aligned with the cut: 4 s before it, then every 15 s.
  for (let end = -4 - 30; end <= opts.untilSeconds; end += SCRAPE_MS / 1000) {
    const start = end - SCRAPE_MS / 1000;
    let primary = 0;
    let failed = 0;
    // Integrate in 10 ms steps.
    for (let t = start; t < end; t += 0.01) {
      const p = onPrimary(t) * rps * 0.01;
      primary += p;
      if (opts.primaryFails && t >= 0) failed += p;
    }
    out.push({
      startMs: CUT_MS + start * 1000,
      endMs: CUT_MS + end * 1000,
      requests: { primary, secondary: rps * (end - start) - primary },
      failed: { primary: failed, secondary: 0 },
    });
  }
  return out;
}

function input(
  over: Partial<UserImpactInput> & { intervals: TrafficInterval[] },
): UserImpactInput {
  const last = over.intervals[over.intervals.length - 1];
  return {
    method: 'unhealthy',
    cutAt: CUT,
    cutAnchor: { backendAt: CUT, prometheusMs: CUT_MS },
    reading: {
      ok: true,
      query: 'http_requests_total{}',
      anchor: {
        backendAt: new Date(last.endMs).toISOString(),
        prometheusMs: last.endMs,
      },
      intervals: over.intervals,
    },
    errorObjective: 0.001,
    sustainedIntervals: 3,
    ttlSeconds: 60,
    observedSeconds: (last.endMs - CUT_MS) / 1000,
    ...over,
  };
}

describe('measureUserImpact', () => {
  it('puts the recovery where the last cached client gives up the primary: switch + TTL, inside the counters’ interval', () => {
    const data = intervals({
      switchSeconds: 22,
      ttlSeconds: 60,
      untilSeconds: 160,
      primaryFails: true,
    });
    const { rto, traffic } = measureUserImpact(
      input({ intervals: data, dnsSwitchSeconds: 22.3 }),
    );
    expect(traffic?.resolutionSeconds).toBe(15);
    expect(rto).toMatchObject({
      source: 'traffic',
      lowerBoundSeconds: 22.3,
      upperBoundSeconds: 82.3,
    });
    // The true end is 82 s; the counters alone say "in the interval 71–86 s".
    expect(rto!.trafficWithinSeconds).toEqual([71, 86]);
    expect(Math.abs(rto!.seconds - 82)).toBeLessThan(0.5);
    expect(rto!.outsideBounds).toBeUndefined();
    // The curve: errors all through the outage, the primary's share falling to 0.
    const during = traffic!.points.find(p => p.startSeconds === 41)!;
    expect(during.errorRatio).toBeGreaterThan(0.3);
    expect(traffic!.points[traffic!.points.length - 1]).toMatchObject({
      errorRatio: 0,
      primaryShare: 0,
    });
  });

  it('places the counters from an anchor read after the cut (Prometheus silent at it), once the clocks’ rate is known', () => {
    // Prometheus' clock runs twice as fast as the backend's (a fast world).
    const data = intervals({
      switchSeconds: 22.3,
      ttlSeconds: 60,
      untilSeconds: 160,
      primaryFails: true,
    });
    const backendAt = (prometheusMs: number) =>
      new Date(CUT_MS + (prometheusMs - CUT_MS) / 2).toISOString();
    const lateAnchor = (afterCutMs: number) => ({
      backendAt: backendAt(CUT_MS + afterCutMs),
      prometheusMs: CUT_MS + afterCutMs,
    });
    const last = data[data.length - 1];
    const measured = (readAtPrometheusMs: number) =>
      measureUserImpact(
        input({
          intervals: data,
          // The portal's DNS view on the backend's clock.
          dnsSwitchSeconds: 22.3 / 2,
          cutAnchor: lateAnchor(20_000),
          reading: {
            ok: true,
            query: 'http_requests_total{}',
            anchor: {
              backendAt: backendAt(readAtPrometheusMs),
              prometheusMs: readAtPrometheusMs,
            },
            intervals: data,
          },
        }),
      );
    const { rto } = measured(last.endMs);
    // 82 s of Prometheus' clock after the cut is 41 s of the backend's.
    expect(rto!.trafficWithinSeconds).toEqual([35.5, 43]);
    expect(rto!.upperBoundSeconds).toBe(41.15);
    expect(Math.abs(rto!.seconds - 41)).toBeLessThan(0.25);
    // Half a second after the late anchor the rate is unknown: no guess.
    expect(measured(CUT_MS + 21_000)).toEqual({});
  });

  it('with a TTL of 0 recovers at the DNS switch, whatever its last digits', () => {
    const data = intervals({
      switchSeconds: 22.3,
      ttlSeconds: 0,
      untilSeconds: 100,
      primaryFails: true,
    });
    // 22.30049 rounds down: the bounds must still be one moment, not an empty window.
    const { rto } = measureUserImpact(
      input({ intervals: data, dnsSwitchSeconds: 22.30049, ttlSeconds: 0 }),
    );
    expect(rto).toMatchObject({
      seconds: 22.3,
      lowerBoundSeconds: 22.3,
      upperBoundSeconds: 22.3,
    });
    expect(rto!.outsideBounds).toBeUndefined();
  });

  it('is not decided until the recovery has lasted the sustained intervals', () => {
    const data = intervals({
      switchSeconds: 22,
      ttlSeconds: 60,
      untilSeconds: 100,
      primaryFails: true,
    });
    expect(
      measureUserImpact(input({ intervals: data, dnsSwitchSeconds: 22 })).rto,
    ).toBeUndefined();
  });

  it('believes the counters over DNS when users fail beyond switch + TTL (a cache that ignores the TTL)', () => {
    const data = intervals({
      switchSeconds: 22,
      ttlSeconds: 90,
      untilSeconds: 200,
      primaryFails: true,
    });
    const { rto } = measureUserImpact(
      input({ intervals: data, dnsSwitchSeconds: 22 }),
    );
    expect(rto!.outsideBounds).toBe(true);
    expect(rto!.seconds).toBe(116);
  });

  it('does not call counters outside the bounds when the clocks cannot place them that finely, and keeps the later figure', () => {
    // The counters' last bad interval starts 19 s after switch + TTL (82 s).
    const data = intervals({
      switchSeconds: 22,
      ttlSeconds: 90,
      untilSeconds: 200,
      primaryFails: true,
    });
    const measured = (uncertaintyMs: number) =>
      measureUserImpact(
        input({
          intervals: data,
          dnsSwitchSeconds: 22,
          // A read of Prometheus' clock that took twice this to come back.
          cutAnchor: { backendAt: CUT, prometheusMs: CUT_MS, uncertaintyMs },
        }),
      ).rto!;
    const loose = measured(20_000);
    expect(loose.outsideBounds).toBeUndefined();
    expect(loose.clockUncertaintySeconds).toBe(20);
    expect(loose.seconds).toBe(116);
    const tight = measured(5_000);
    expect(tight.outsideBounds).toBe(true);
    expect(tight.clockUncertaintySeconds).toBe(5);
  });

  it('reports a drain with no RTO: when users had moved and 0 failed requests', () => {
    const data = intervals({
      switchSeconds: 0.1,
      ttlSeconds: 60,
      untilSeconds: 140,
      primaryFails: false,
    });
    const { rto, drain } = measureUserImpact(
      input({
        method: 'disable-endpoint',
        intervals: data,
        dnsSwitchSeconds: 0.1,
      }),
    );
    expect(rto).toBeUndefined();
    expect(drain).toMatchObject({
      source: 'traffic',
      failedRequests: 0,
      upperBoundSeconds: 60.1,
    });
    expect(Math.abs(drain!.movedSeconds! - 60.1)).toBeLessThan(0.5);
    expect(drain!.requests).toBeGreaterThan(0);
  });

  it('judges the drain by the traffic before the primary was given back, not by the failback after it', () => {
    const drained = intervals({
      switchSeconds: 0.1,
      ttlSeconds: 60,
      untilSeconds: 140,
      primaryFails: false,
    });
    const restoreMs = drained[drained.length - 1].endMs + 1000;
    // After the restore users return to the primary: its share rises again.
    const failback: TrafficInterval[] = [1, 2, 3, 4].map(k => ({
      startMs: restoreMs - 1000 + (k - 1) * SCRAPE_MS,
      endMs: restoreMs - 1000 + k * SCRAPE_MS,
      requests: { primary: 400 * k, secondary: 750 - 400 * k * 0.4 },
      failed: { primary: 0, secondary: 0 },
    }));
    const { drain, traffic } = measureUserImpact(
      input({
        method: 'disable-endpoint',
        intervals: [...drained, ...failback],
        dnsSwitchSeconds: 0.1,
        restoreAt: new Date(restoreMs).toISOString(),
      }),
    );
    expect(Math.abs(drain!.movedSeconds! - 60.1)).toBeLessThan(0.5);
    expect(drain!.failedRequests).toBe(0);
    // The curve still shows the failback.
    expect(traffic!.points[traffic!.points.length - 1].primaryShare).toBe(
      failback[3].requests.primary /
        (failback[3].requests.primary + failback[3].requests.secondary),
    );
  });

  it('says why there is no curve when the counters could not be read', () => {
    const { traffic, rto } = measureUserImpact({
      ...input({
        intervals: intervals({
          switchSeconds: 22,
          ttlSeconds: 60,
          untilSeconds: 40,
          primaryFails: true,
        }),
      }),
      reading: { ok: false, query: 'q', at: CUT, error: 'Prometheus down' },
    });
    expect(rto).toBeUndefined();
    expect(traffic).toMatchObject({ error: 'Prometheus down', points: [] });
  });
});

const ROLES: Record<string, 'primary' | 'secondary'> = {
  eastus: 'primary',
  westus: 'secondary',
};

describe('aggregateIntervals', () => {
  it('sums increases per scrape, handles resets, and counts a series born mid-range from zero', () => {
    const pts = (values: [number, number][]) =>
      values.map(([t, v]) => ({ timestamp: t, value: v }));
    const result = aggregateIntervals(
      [
        {
          labels: { region: 'eastus', code: '200' },
          points: pts([
            [0, 100],
            [15, 150],
            [30, 20],
          ]),
        },
        // Appears at the second scrape: its 7 failures happened in (0, 15].
        {
          labels: { region: 'eastus', code: '503' },
          points: pts([
            [15, 7],
            [30, 9],
          ]),
        },
        {
          labels: { region: 'westus', code: '200' },
          points: pts([
            [0, 0],
            [15, 1],
            [30, 11],
          ]),
        },
        {
          labels: { region: 'elsewhere', code: '500' },
          points: pts([
            [0, 0],
            [15, 99],
          ]),
        },
      ],
      r => ROLES[r],
    );
    expect(result).toEqual([
      {
        startMs: 0,
        endMs: 15,
        requests: { primary: 57, secondary: 1 },
        failed: { primary: 7, secondary: 0 },
      },
      // The 200 counter was reset: its new value is the increase.
      {
        startMs: 15,
        endMs: 30,
        requests: { primary: 22, secondary: 10 },
        failed: { primary: 2, secondary: 0 },
      },
    ]);
  });
});

describe('clockMapping', () => {
  it('maps a clock that runs 8× faster and is offset', () => {
    const { toBackendMs, rate } = clockMapping(
      { backendAt: new Date(1_000_000).toISOString(), prometheusMs: 5_000_000 },
      { backendAt: new Date(1_010_000).toISOString(), prometheusMs: 5_080_000 },
    );
    expect(rate).toBe(8);
    expect(toBackendMs(5_040_000)).toBe(1_005_000);
  });
});

describe('countersUnusable', () => {
  const anchor = { backendAt: CUT, prometheusMs: CUT_MS };
  const before = intervals({
    switchSeconds: 10,
    ttlSeconds: 0,
    untilSeconds: -1,
    primaryFails: true,
  });
  const read = (list: TrafficInterval[]) => ({
    ok: true as const,
    query: 'q',
    anchor,
    intervals: list,
  });

  it('is early, not unusable, while the next scrape after the cut is still to come', () => {
    // A TTL of 0 and a switch inside the first scrape interval: switch + TTL
    // has passed, but the counters will show the outage at the next scrape.
    expect(before.every(i => i.endMs <= CUT_MS)).toBe(true);
    expect(countersUnusable(anchor, read(before))).toBe(false);
  });

  it('is unusable without a clock at the cut, a good read, or any user series', () => {
    expect(countersUnusable(undefined, read(before))).toBe(true);
    expect(countersUnusable(anchor, undefined)).toBe(true);
    expect(
      countersUnusable(anchor, {
        ok: false,
        query: 'q',
        at: CUT,
        error: 'Prometheus 503',
      }),
    ).toBe(true);
    expect(countersUnusable(anchor, read([]))).toBe(true);
  });
});
