import {
  EnvironmentName,
  SeriesPoint,
  SliSeriesName,
  SliSeriesResponse,
} from '@internal/plugin-nt-infra-common';
import { NotFoundError } from '@backstage/errors';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { UpstreamCache } from '../UpstreamCache';
import { seriesQueries } from './sliMetrics';

/** About this many points per series: enough for a sparkline, cheap to query. */
const TARGET_POINTS = 120;

type Series = Record<SliSeriesName, SeriesPoint[]>;

/** Time series of a region's SLIs for the panels' small charts. */
export class SliSeriesService {
  constructor(
    private readonly options: {
      environments: EnvironmentCatalog;
      metrics: MetricsProvider;
      cache: UpstreamCache;
      now?: () => number;
    },
  ) {}

  async series(
    environment: EnvironmentName,
    region: string,
    minutes: number,
  ): Promise<SliSeriesResponse> {
    const env = this.options.environments.get(environment);
    const configured = env.regions.find(r => r.name === region);
    if (!configured) {
      throw new NotFoundError(
        `Region '${region}' is not configured in environment '${environment}'`,
      );
    }
    const stepSeconds = Math.max(
      15,
      Math.round((minutes * 60) / TARGET_POINTS),
    );
    const window = () => {
      const end = (this.options.now ?? Date.now)();
      return { start: end - minutes * 60 * 1000, end };
    };

    // One entry per region and range: the window moves with each refresh.
    const observed = await this.options.cache.read(
      `series:${configured.metricsRegion}:${minutes}`,
      async () => {
        const { start, end } = window();
        const queries = seriesQueries(configured.metricsRegion);
        const names = Object.keys(queries) as SliSeriesName[];
        const results = await Promise.all(
          names.map(name =>
            this.options.metrics.queryRange(
              queries[name],
              new Date(start),
              new Date(end),
              stepSeconds,
            ),
          ),
        );
        const series = {} as Series;
        names.forEach((name, i) => {
          series[name] = (results[i][0]?.points ?? [])
            .filter(p => Number.isFinite(p.value))
            .map(p => ({ t: p.timestamp, v: p.value }));
        });
        return { start, end, series };
      },
    );

    const bounds = observed.value ?? window();
    return {
      environment,
      region,
      start: new Date(bounds.start).toISOString(),
      end: new Date(bounds.end).toISOString(),
      stepSeconds,
      series: {
        status: observed.status,
        value: observed.value?.series,
        observedAt: observed.observedAt,
        error: observed.error,
      },
    };
  }
}
