import { RULES } from './recordingRules';
import { SeriesStore } from './SeriesStore';

const RPS = 100;
const MINUTE = 60_000;
const labels = (code: string) => ({
  region: 'eastus',
  service: 'ntai-api',
  code,
  method: 'GET',
  route: '/',
});

/** An hour of steady traffic (0.02% errors), sampled once a minute. */
function steadyHour(): { store: SeriesStore; ok: any; failed: any; t: number } {
  const store = new SeriesStore(200);
  const ok = store.get('http_requests_total', labels('200'), 'counter');
  const failed = store.get('http_requests_total', labels('500'), 'counter');
  let t = Date.UTC(2026, 0, 1);
  store.sample(t);
  for (let i = 0; i < 60; i++) {
    ok.current += RPS * 60 * 0.9998;
    failed.current += RPS * 60 * 0.0002;
    t += MINUTE;
    store.sample(t);
  }
  return { store, ok, failed, t };
}

function burn(store: SeriesStore, window: string): number {
  const [sample] = RULES[`ntai:slo_burn_rate:${window}`](
    store,
    store.length - 1,
  );
  return sample.value;
}

describe('error budget over the 30-day window', () => {
  it('counts the steady state before the oldest sample, so one minute of full outage costs 1/43.2 of a 99.9% budget', () => {
    const { store, failed, t } = steadyHour();
    store.assumeSteadyBefore();
    // The background errors spend a fifth of the budget, over any window.
    expect(burn(store, '30d')).toBeCloseTo(0.2, 6);
    expect(burn(store, '3d')).toBeCloseTo(0.2, 6);

    failed.current += RPS * 60;
    store.sample(t + MINUTE);

    // 60 s of every request failing against 2,592,000 s × 0.001 of budget.
    const cost = burn(store, '30d') - 0.2;
    expect(cost).toBeCloseTo(60 / 2592, 4);
    expect(cost).toBeGreaterThan(0.022);
    expect(cost).toBeLessThan(0.024);
    // The 3-day window, read as the budget, would have charged ten times as much.
    expect(burn(store, '3d') - 0.2).toBeCloseTo(60 / 259.2, 3);
  });

  it('without a declared steady state the window holds only what was sampled, as a young Prometheus would', () => {
    const { store, failed, t } = steadyHour();
    failed.current += RPS * 60;
    store.sample(t + MINUTE);
    // A minute of 61: the ratio over what exists, not over 30 days.
    expect(burn(store, '30d')).toBeGreaterThan(10);
  });

  it('gives a series that appeared after the steady state no history before it', () => {
    const { store, t } = steadyHour();
    store.assumeSteadyBefore();
    const rejected = store.get('http_requests_total', labels('503'), 'counter');
    rejected.current += RPS * 60;
    store.sample(t + MINUTE);
    expect(rejected.steadyRate).toBeUndefined();
    expect(burn(store, '30d') - 0.2).toBeCloseTo(60 / 2592, 4);
  });
});
