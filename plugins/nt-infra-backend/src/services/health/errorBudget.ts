import {
  BurnRateWindow,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { ErrorBudgetPort } from '../policy/ports';
import { burnRateMetric } from './sliMetrics';

/**
 * The error budget left per region, read straight from the burn-rate
 * recording rule (one query for all regions): 1 − the burn rate over the
 * budget window, as the region view shows it. A region without a series, or
 * every region while Prometheus cannot answer, is unknown.
 */
export function metricsErrorBudget(options: {
  metrics: MetricsProvider;
  environments: EnvironmentCatalog;
  budgetWindow: BurnRateWindow;
}): ErrorBudgetPort {
  return {
    async remaining(environment: EnvironmentName, regions: string[]) {
      const env = options.environments.get(environment);
      const left: Record<string, number | undefined> = {};
      let samples: Awaited<ReturnType<MetricsProvider['query']>>;
      try {
        samples = await options.metrics.query(
          burnRateMetric(options.budgetWindow),
        );
      } catch {
        // Unknown, not exhausted: the policy decides what unknown means (production refuses).
        samples = [];
      }
      for (const region of regions) {
        const metricsRegion = env.regions.find(
          r => r.name === region,
        )?.metricsRegion;
        const burn = samples.find(
          s => s.labels.region === metricsRegion && Number.isFinite(s.value),
        )?.value;
        left[region] = burn === undefined ? undefined : 1 - burn;
      }
      return left;
    },
  };
}
