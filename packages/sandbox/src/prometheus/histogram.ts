/** Bucket bounds (seconds) of http_request_duration_seconds, the client libraries' defaults. */
export const LATENCY_BUCKETS = [
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
  Infinity,
];

/**
 * Prometheus' histogram_quantile over cumulative bucket counts (same order as
 * LATENCY_BUCKETS): linear interpolation inside the bucket holding the rank; a rank in +Inf
 * answers the highest finite bound. NaN without observations.
 */
export function histogramQuantile(
  q: number,
  cumulative: number[],
  bounds = LATENCY_BUCKETS,
): number {
  const total = cumulative[cumulative.length - 1];
  if (!(total > 0)) return NaN;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (cumulative[i] >= rank) {
      if (bounds[i] === Infinity) return bounds[bounds.length - 2];
      const lower = i === 0 ? 0 : bounds[i - 1];
      const below = i === 0 ? 0 : cumulative[i - 1];
      const inBucket = cumulative[i] - below;
      return inBucket > 0
        ? lower + ((bounds[i] - lower) * (rank - below)) / inBucket
        : bounds[i];
    }
  }
  return bounds[bounds.length - 2];
}

/** How a hop's latencies spread around the pod's typical latency L (fraction, multiple of L). */
export const LATENCY_SHAPE: [number, number][] = [
  [0.5, 0.7],
  [0.4, 1.0],
  [0.09, 1.5],
  [0.01, 3.0],
];

export function bucketIndex(seconds: number): number {
  return LATENCY_BUCKETS.findIndex(b => seconds <= b);
}
