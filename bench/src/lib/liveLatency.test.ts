import {
  latencySummary,
  perViewerMinute,
  sightLatencies,
  transitionAt,
} from './liveLatency';

describe('live-update latency', () => {
  it("takes the latest recorded move into a state, as epoch ms of the backend's stamp", () => {
    const transitions = [
      { to: 'approved', at: '2026-12-03T10:00:00.000Z' },
      { to: 'running', at: '2026-12-03T10:00:01.250Z' },
      { to: 'running', at: '2026-12-03T10:00:05.500Z' },
      { to: 'aborted', at: '2026-12-03T10:00:09.000Z' },
    ];
    expect(transitionAt(transitions, 'running')).toBe(
      Date.UTC(2026, 11, 3, 10, 0, 5, 500),
    );
    expect(transitionAt(transitions, 'completed')).toBeUndefined();
    expect(transitionAt([{ to: 'running', at: 'soon' }], 'running')).toBe(
      undefined,
    );
  });

  it('measures each viewer from the stored moment and refuses a sight before it', () => {
    const stored = 1_000_000;
    expect(sightLatencies(stored, [1_000_040, 1_002_000, stored])).toEqual([
      40, 2000, 0,
    ]);
    expect(() => sightLatencies(stored, [1_000_040, 999_990])).toThrow(
      /10 ms before the backend stored it/,
    );
  });

  it('summarises milliseconds as seconds at p50, p95 and max', () => {
    const summary = latencySummary([100, 200, 300, 400, 5000]);
    expect(summary).toMatchObject({ n: 5, p50: 0.3, max: 5 });
    // 80 % of the way from 400 to 5000 ms.
    expect(summary.p95).toBeCloseTo(4.08);
    const none = latencySummary([]);
    expect(none.n).toBe(0);
    expect(none.p95).toBeNaN();
    expect(none.max).toBeNaN();
  });

  it('gives requests per viewer per minute over the window', () => {
    // 4 viewers polling every 10 s for 2 minutes: 48 reads, 6 per viewer-minute.
    expect(perViewerMinute(48, 4, 120_000)).toBe(6);
    expect(perViewerMinute(5, 0, 60_000)).toBeNaN();
  });
});
