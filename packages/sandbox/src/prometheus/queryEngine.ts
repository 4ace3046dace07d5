import type { Labels, SeriesStore } from './SeriesStore';
import { matchesAll, Matcher } from './selector';
import { RULE_INTERVAL_MS, RULES } from './recordingRules';

/** Prometheus' lookback: a series whose newest sample is older than this is absent. */
const LOOKBACK_MS = 5 * 60 * 1000;

export type InstantSample = { metric: Labels; value: number };

/**
 * Evaluates one vector selector at world time `t` over the raw series (last sample within
 * the lookback) and the recording rules (evaluated at the last 30 s rule tick ≤ t, as a rule
 * group with `interval: 30s` would have written them).
 */
export function evaluateSelector(
  store: SeriesStore,
  matchers: Matcher[],
  t: number,
  worldStart: number,
): InstantSample[] {
  const out: InstantSample[] = [];
  const nameMatcher = matchers.find(m => m.name === '__name__' && m.op === '=');
  const names = nameMatcher ? [nameMatcher.value] : undefined;

  const i = store.indexAt(t);
  if (i >= 0 && t - store.time(i) <= LOOKBACK_MS) {
    for (const s of store.all()) {
      if (names && !names.includes(s.name)) continue;
      const metric = { __name__: s.name, ...s.labels };
      if (!matchesAll(matchers, metric)) continue;
      const v = store.value(s, i);
      if (!Number.isNaN(v)) out.push({ metric, value: v });
    }
  }

  const ruleTime =
    worldStart +
    Math.floor((t - worldStart) / RULE_INTERVAL_MS) * RULE_INTERVAL_MS;
  const ri = store.indexAt(ruleTime);
  // Rules evaluate on a grid anchored at the world's start, over its metrics history too.
  if (ri >= 0) {
    for (const [name, rule] of Object.entries(RULES)) {
      if (names && !names.includes(name)) continue;
      if (
        !matchesAll(
          matchers.filter(m => m.name === '__name__'),
          { __name__: name },
        )
      )
        continue;
      for (const sample of rule(store, ri)) {
        const metric = { __name__: name, ...sample.labels };
        if (matchesAll(matchers, metric))
          out.push({ metric, value: sample.value });
      }
    }
  }
  return out;
}

/** Every metric name the sandbox can answer (raw and recorded). */
export function metricNames(store: SeriesStore): string[] {
  return [
    ...new Set([...store.all().map(s => s.name), ...Object.keys(RULES)]),
  ].sort();
}

/**
 * A range selector (`metric{...}[5m]`) in an instant query: the raw samples of each
 * matching raw series in (t - range, t], with the times they were scraped at.
 */
export function evaluateRangeSelector(
  store: SeriesStore,
  matchers: Matcher[],
  t: number,
  rangeMs: number,
): { metric: Labels; values: [number, number][] }[] {
  const out: { metric: Labels; values: [number, number][] }[] = [];
  const last = store.indexAt(t);
  let first = last;
  while (first > 0 && store.time(first - 1) > t - rangeMs) first--;
  if (last < 0 || store.time(first) <= t - rangeMs) return out;
  for (const s of store.all()) {
    const metric = { __name__: s.name, ...s.labels };
    if (!matchesAll(matchers, metric)) continue;
    const values: [number, number][] = [];
    for (let i = first; i <= last; i++) {
      const v = store.value(s, i);
      if (!Number.isNaN(v)) values.push([store.time(i) / 1000, v]);
    }
    if (values.length) out.push({ metric, values });
  }
  return out;
}
