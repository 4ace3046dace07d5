import { histogramQuantile, LATENCY_BUCKETS } from './histogram';
import type { Labels, Series, SeriesStore } from './SeriesStore';

/**
 * Rule evaluation interval of the embedded Prometheus: half the `interval: 1m`
 * of monitoring/prometheus/rules, so a test at 10× reads a fresh rule within
 * 3 s of wall time. A real server's values can be up to a minute old.
 */
export const RULE_INTERVAL_MS = 30000;
/** SLO windows of the error-ratio and burn-rate rules. */
export const SLO_WINDOWS: Record<string, number> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21600,
  '1d': 86400,
  '3d': 259200,
  '30d': 2592000,
};
/** 99.9% availability SLO → error budget 0.001. */
const ERROR_BUDGET = 0.001;

export type RuleSample = { labels: Labels; value: number };
type Rule = (store: SeriesStore, i: number) => RuleSample[];

/**
 * Sum of counter increases between samples i0 and i1, grouped by the `by` labels, plus
 * `beforeSeconds` of each series' steady rate (the part of a window older than the store).
 */
function increase(
  store: SeriesStore,
  name: string,
  i0: number,
  i1: number,
  by: string[],
  filter: (s: Series) => boolean = () => true,
  beforeSeconds = 0,
) {
  const groups = new Map<string, { labels: Labels; value: number }>();
  for (const s of store.all()) {
    if (s.name !== name || !filter(s)) continue;
    const v1 = store.value(s, i1);
    if (Number.isNaN(v1)) continue;
    const v0 = store.value(s, i0);
    const inc =
      v1 - (Number.isNaN(v0) ? 0 : v0) + (s.steadyRate ?? 0) * beforeSeconds;
    const labels = Object.fromEntries(by.map(k => [k, s.labels[k] ?? '']));
    const key = JSON.stringify(labels);
    const g = groups.get(key) ?? { labels, value: 0 };
    g.value += inc;
    groups.set(key, g);
  }
  return groups;
}

/** Sample index at the start of a window ending at i1 (the oldest one if the world is younger). */
function windowStart(store: SeriesStore, i1: number, seconds: number): number {
  return Math.max(0, store.indexAt(store.time(i1) - seconds * 1000));
}

function errorRatio(
  store: SeriesStore,
  i1: number,
  seconds: number,
): RuleSample[] {
  const i0 = windowStart(store, i1, seconds);
  if (i0 >= i1) return [];
  // A window reaching past the oldest sample: the world's steady state before it.
  const before = Math.max(
    0,
    seconds - (store.time(i1) - store.time(i0)) / 1000,
  );
  const all = increase(
    store,
    'http_requests_total',
    i0,
    i1,
    ['region'],
    undefined,
    before,
  );
  const errors = increase(
    store,
    'http_requests_total',
    i0,
    i1,
    ['region'],
    s => /^5..$/.test(s.labels.code),
    before,
  );
  return [...all.values()].map(g => ({
    labels: g.labels,
    // 0/0 is NaN in PromQL too: a region without requests has no defined error ratio.
    value: (errors.get(JSON.stringify(g.labels))?.value ?? 0) / g.value,
  }));
}

function gaugeAggregate(
  store: SeriesStore,
  i: number,
  name: string,
  by: string[],
  op: (a: number, b: number) => number,
) {
  const groups = new Map<string, RuleSample>();
  for (const s of store.all()) {
    if (s.name !== name) continue;
    const v = store.value(s, i);
    if (Number.isNaN(v)) continue;
    const labels = Object.fromEntries(by.map(k => [k, s.labels[k] ?? '']));
    const key = JSON.stringify(labels);
    const g = groups.get(key);
    groups.set(
      key,
      g ? { labels, value: op(g.value, v) } : { labels, value: v },
    );
  }
  return [...groups.values()];
}

/**
 * The recording rules of monitoring/prometheus/rules/sli.rules.yaml, evaluated over the
 * stored raw series with the same expressions (rates over the window, sums by region,
 * histogram_quantile, burn rate = error ratio / 0.001).
 */
export const RULES: Record<string, Rule> = {
  'ntai:http_requests:rate5m': (store, i1) => {
    const i0 = windowStart(store, i1, 300);
    if (i0 >= i1) return [];
    const dt = (store.time(i1) - store.time(i0)) / 1000;
    return [
      ...increase(store, 'http_requests_total', i0, i1, ['region']).values(),
    ].map(g => ({ labels: g.labels, value: g.value / dt }));
  },
  'ntai:http_request_duration_seconds:p99_5m': (store, i1) => {
    const i0 = windowStart(store, i1, 300);
    if (i0 >= i1) return [];
    const buckets = increase(
      store,
      'http_request_duration_seconds_bucket',
      i0,
      i1,
      ['region', 'le'],
    );
    const byRegion = new Map<string, number[]>();
    for (const g of buckets.values()) {
      const counts =
        byRegion.get(g.labels.region) ?? LATENCY_BUCKETS.map(() => 0);
      const idx = LATENCY_BUCKETS.findIndex(
        b => (b === Infinity ? '+Inf' : String(b)) === g.labels.le,
      );
      if (idx >= 0) counts[idx] += g.value;
      byRegion.set(g.labels.region, counts);
    }
    return [...byRegion].map(([region, counts]) => ({
      labels: { region },
      value: histogramQuantile(0.99, counts),
    }));
  },
  'ntai:availability:ratio_rate5m': (store, i1) =>
    errorRatio(store, i1, 300).map(s => ({ ...s, value: 1 - s.value })),
  'ntai:db_replication_lag_seconds:max': (store, i) =>
    gaugeAggregate(
      store,
      i,
      'db_replication_lag_seconds',
      ['region'],
      Math.max,
    ),
  'ntai:traffic_manager_endpoint_up:min': (store, i) =>
    gaugeAggregate(
      store,
      i,
      'azure_traffic_manager_endpoint_status',
      ['profile', 'endpoint'],
      Math.min,
    ).map(s => ({
      labels: { ...s.labels, region: s.labels.endpoint },
      value: s.value,
    })),
  'ntai:traffic_manager_traffic:share': (store, i) => {
    const perEndpoint = gaugeAggregate(
      store,
      i,
      'azure_traffic_manager_endpoint_qps',
      ['profile', 'endpoint'],
      (a, b) => a + b,
    );
    const totals = new Map<string, number>();
    perEndpoint.forEach(s =>
      totals.set(
        s.labels.profile,
        (totals.get(s.labels.profile) ?? 0) + s.value,
      ),
    );
    return perEndpoint.map(s => ({
      labels: { ...s.labels, region: s.labels.endpoint },
      value: s.value / totals.get(s.labels.profile)!,
    }));
  },
  ...Object.fromEntries(
    Object.entries(SLO_WINDOWS).flatMap(([w, seconds]) => [
      [
        `ntai:http_errors:ratio_rate${w}`,
        ((store, i) => errorRatio(store, i, seconds)) as Rule,
      ],
      [
        `ntai:slo_burn_rate:${w}`,
        ((store, i) =>
          errorRatio(store, i, seconds).map(s => ({
            ...s,
            value: s.value / ERROR_BUDGET,
          }))) as Rule,
      ],
    ]),
  ),
};
