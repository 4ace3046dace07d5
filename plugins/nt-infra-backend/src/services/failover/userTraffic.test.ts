import { ClockAnchor, cutPlacementErrorMs } from './userTraffic';

/** A read of Prometheus' clock at `backendMs`, its world running 10× faster. */
const anchor = (backendMs: number, uncertaintyMs: number): ClockAnchor => ({
  backendAt: new Date(backendMs).toISOString(),
  prometheusMs: 5_000_000 + backendMs * 10,
  uncertaintyMs,
});

describe('cutPlacementErrorMs', () => {
  const t0 = Date.parse('2026-12-03T12:00:00Z');

  it('cannot vouch for a placement before the rate between the clocks is measured', () => {
    expect(
      cutPlacementErrorMs(anchor(t0, 50), anchor(t0 + 400, 50), t0 + 800),
    ).toBeUndefined();
  });

  it('grows with the cut’s distance from the first anchor and the reads’ uncertainty', () => {
    // 800 ms after the first read, at 10×, with a rate from reads 2 s apart
    // each ±100 ms: the rate is known to 10 %, the cut to 800 ms of world.
    const loose = cutPlacementErrorMs(
      anchor(t0, 100),
      anchor(t0 + 2000, 100),
      t0 + 800,
    );
    expect(loose).toBeCloseTo(800);
    // The same reads further apart place it five times better.
    expect(
      cutPlacementErrorMs(anchor(t0, 100), anchor(t0 + 10_000, 100), t0 + 800),
    ).toBeCloseTo(160);
    // A cut read at the anchor is placed by the anchor alone.
    expect(
      cutPlacementErrorMs(anchor(t0, 100), anchor(t0 + 2000, 100), t0),
    ).toBe(0);
  });
});
