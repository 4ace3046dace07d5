export { MetricsModel, SCRAPE_INTERVAL_MS } from './MetricsModel';
export { PrometheusServer } from './PrometheusServer';
export { parseSelector, PromQLError } from './selector';
export { histogramQuantile, LATENCY_BUCKETS } from './histogram';
export { RULES, SLO_WINDOWS } from './recordingRules';
