/** Per-client outage figures of one population, in world seconds. */
export interface OutageSummary {
  /** Clients with an outage in the window (ongoing ones included). */
  affected: number;
  /** Of those, still failing. */
  ongoing: number;
  p50Seconds?: number;
  p95Seconds?: number;
  maxSeconds?: number;
  /** Earliest first failure and latest recovery among them (ISO, world time). */
  firstFailureAt?: string;
  lastRecoveryAt?: string;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * p50/p95/max of each client's outage (first failed request to first request served again;
 * an ongoing one counts up to `now`). Clients without an outage (undefined) are not counted.
 */
export function outageSummary(
  outages: ({ from: number; to?: number } | undefined)[],
  now: number,
): OutageSummary {
  const seen = outages.filter(
    (o): o is { from: number; to?: number } => o !== undefined,
  );
  if (seen.length === 0) return { affected: 0, ongoing: 0 };
  const seconds = seen
    .map(o => ((o.to ?? now) - o.from) / 1000)
    .sort((a, b) => a - b);
  const recovered = seen.filter(o => o.to !== undefined).map(o => o.to!);
  return {
    affected: seen.length,
    ongoing: seen.length - recovered.length,
    p50Seconds: percentile(seconds, 0.5),
    p95Seconds: percentile(seconds, 0.95),
    maxSeconds: seconds[seconds.length - 1],
    firstFailureAt: new Date(Math.min(...seen.map(o => o.from))).toISOString(),
    lastRecoveryAt: recovered.length
      ? new Date(Math.max(...recovered)).toISOString()
      : undefined,
  };
}
