import {
  BurnRateWindow,
  RegionSlis,
  SliSeriesName,
} from '@internal/plugin-nt-infra-common';
import {
  BURN_RATE_WINDOWS,
  regionSliQueries,
  SLI_RULES,
} from '../../providers/metrics/sliQueries';

export { BURN_RATE_WINDOWS };

/** The recording rule behind each SLI field (one series per region). */
export const SLI_METRICS: Record<
  Exclude<keyof RegionSlis, 'burnRates'>,
  string
> = {
  requestRatePerSecond: SLI_RULES.requestRate,
  errorRatio: SLI_RULES.errorRatio,
  latencyP99Seconds: SLI_RULES.latencyP99,
  availability: SLI_RULES.availability,
  replicationLagSeconds: SLI_RULES.replicationLag,
};

/** All regions' burn rate over a window, in one query. */
export function burnRateMetric(window: BurnRateWindow): string {
  return `ntai:slo_burn_rate:${window}`;
}

/** The query of each series a region panel draws. */
export function seriesQueries(region: string): Record<SliSeriesName, string> {
  const q = regionSliQueries(region);
  return {
    requestRatePerSecond: q.requestRate,
    errorRatio: q.errorRatio,
    latencyP99Seconds: q.latencyP99,
    availability: q.availability,
  };
}
