/** One series of an instant query result. */
export interface InstantSample {
  labels: Record<string, string>;
  /** Unix time in milliseconds. */
  timestamp: number;
  value: number;
}

/** One series of a range query result. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<{ timestamp: number; value: number }>;
}

/**
 * The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). Queries
 * are the recording rules of monitoring/prometheus (e.g.
 * `ntai:http_errors:ratio_rate5m{region="eastus"}`). Errors from Prometheus
 * (bad_data, timeouts, 5xx) throw after bounded retries.
 */
export interface MetricsProvider {
  query(promql: string, time?: Date): Promise<InstantSample[]>;
  queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangeSeries[]>;
  /**
   * The raw samples of a selector over the last `rangeSeconds` before `time`
   * (an instant query of `selector[range]`): every scrape with the time it
   * was taken, the finest resolution the series have.
   */
  querySamples(
    selector: string,
    rangeSeconds: number,
    time: Date,
  ): Promise<RangeSeries[]>;
}
