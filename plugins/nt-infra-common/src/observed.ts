/**
 * A value read from an upstream system (Azure, a cluster, Prometheus, DNS)
 * with its freshness, so the UI never shows a stale value as if it were fresh:
 * - `ok`: read within the refresh interval;
 * - `stale`: the last good value, older than the refresh interval, because
 *   the latest read failed (`error` says why);
 * - `unavailable`: no value at all (`error` says why).
 * @public
 */
export interface Observed<T> {
  status: 'ok' | 'stale' | 'unavailable';
  value?: T;
  /** ISO 8601: when `value` was read upstream. */
  observedAt?: string;
  error?: string;
}
