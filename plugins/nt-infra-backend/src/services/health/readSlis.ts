import { RegionSlis } from '@internal/plugin-nt-infra-common';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { BURN_RATE_WINDOWS, burnRateMetric, SLI_METRICS } from './sliMetrics';

/**
 * Every region's SLIs in one sweep: one instant query per recording rule,
 * each answering all regions at once, so the cost does not grow with the
 * number of regions.
 */
export async function readSlis(
  metrics: MetricsProvider,
): Promise<Map<string, RegionSlis>> {
  const byRegion = new Map<string, RegionSlis>();
  const slot = (region: string) => {
    let slis = byRegion.get(region);
    if (!slis) {
      slis = { burnRates: {} };
      byRegion.set(region, slis);
    }
    return slis;
  };

  const plain = Object.entries(SLI_METRICS) as Array<
    [keyof typeof SLI_METRICS, string]
  >;
  const [plainResults, burnResults] = await Promise.all([
    Promise.all(plain.map(([, metric]) => metrics.query(metric))),
    Promise.all(BURN_RATE_WINDOWS.map(w => metrics.query(burnRateMetric(w)))),
  ]);

  plain.forEach(([field], i) => {
    for (const sample of plainResults[i]) {
      const region = sample.labels.region;
      if (region && Number.isFinite(sample.value)) {
        slot(region)[field] = sample.value;
      }
    }
  });
  BURN_RATE_WINDOWS.forEach((window, i) => {
    for (const sample of burnResults[i]) {
      const region = sample.labels.region;
      if (region && Number.isFinite(sample.value)) {
        slot(region).burnRates[window] = sample.value;
      }
    }
  });
  return byRegion;
}
