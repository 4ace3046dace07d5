import { useApi } from '@backstage/core-plugin-api';
import { Text } from '@backstage/ui';
import {
  EnvironmentName,
  SliSeriesName,
  SliSeriesResponse,
  StopCondition,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../../api';
import { useNow } from '../../hooks/useNow';
import { usePolling } from '../../hooks/usePolling';
import { errorMessage } from '../../lib/errors';
import { SLI_SERIES, thresholdsFor } from '../../lib/sliSeries';
import { TimeSeriesChart } from '../TimeSeriesChart';
import styles from './SliImpactChart.module.css';

/** The look-back windows the SLI endpoint serves, in minutes. */
const RANGES = [15, 60, 180, 360, 1440];
/** Some context before and after the fault, to compare against. */
const LEAD_MINUTES = 5;
/** While the fault is live the charts follow it; Prometheus records every 15 s. */
export const LIVE_SLI_POLL_MS = 5_000;

const CHARTS: SliSeriesName[] = [
  'errorRatio',
  'latencyP99Seconds',
  'availability',
];

/**
 * The smallest served window reaching back to a little before the fault, or
 * undefined when the fault is older than the longest one. The SLI endpoint
 * only answers "the last N minutes", so an old run cannot be charted.
 */
export function rangeFor(startedAt: number, now: number): number | undefined {
  const needed = (now - startedAt) / 60_000 + LEAD_MINUTES;
  return RANGES.find(r => r >= needed);
}

/**
 * A region's SLIs around a run, the fault's interval shaded and the run's
 * stop conditions drawn as thresholds: the question after a chaos run is "did
 * users notice, and how close did it come to the line". Followed live until
 * the run ends.
 */
export function SliImpactChart(props: {
  environment: EnvironmentName;
  region: string;
  startedAt: string;
  endedAt?: string;
  stopConditions?: StopCondition[];
  /** The SLO objective, to draw burn-rate conditions on the error ratio. */
  objective?: number;
}) {
  const { environment, region, stopConditions = [], objective } = props;
  const api = useApi(ntInfraApiRef);
  const live = !props.endedAt;
  const now = useNow(live ? LIVE_SLI_POLL_MS : 60_000);
  const started = Date.parse(props.startedAt);
  const ended = props.endedAt ? Date.parse(props.endedAt) : now;
  const minutes = rangeFor(started, now);
  const load = useCallback(
    async (): Promise<SliSeriesResponse | undefined> =>
      minutes ? api.getSliSeries(environment, region, minutes) : undefined,
    [api, environment, region, minutes],
  );
  const series = usePolling(load, LIVE_SLI_POLL_MS, { until: () => !live });
  const range = {
    from: started - LEAD_MINUTES * 60_000,
    to: Math.min(now, ended + LEAD_MINUTES * 60_000),
  };

  let body;
  if (!minutes) {
    body = (
      <Text variant="body-small" color="secondary">
        The fault is older than the 24 h of SLI history the portal can chart.
      </Text>
    );
  } else if (series.error && !series.value) {
    body = (
      <Text variant="body-small" color="danger">
        SLI history unavailable: {errorMessage(series.error)}
      </Text>
    );
  } else if (series.value?.series.value) {
    const values = series.value.series.value;
    body = (
      <div className={styles.grid}>
        {CHARTS.map(key => {
          const spec = SLI_SERIES[key];
          return (
            <TimeSeriesChart
              key={key}
              label={`${spec.label} ${region}`}
              axis={spec.axis}
              points={values[key] ?? []}
              format={spec.format}
              zeroBased={spec.zeroBased}
              max={spec.max}
              range={range}
              thresholds={thresholdsFor(key, stopConditions, objective)}
              highlight={{
                from: started,
                to: ended,
                label: live ? 'Fault injected (live)' : 'Fault injected',
              }}
            />
          );
        })}
      </div>
    );
  } else if (series.value) {
    body = (
      <Text variant="body-small" color="danger">
        SLI history unavailable: {series.value.series.error ?? 'no data'}
      </Text>
    );
  }

  return (
    <section aria-label={`SLIs around the fault ${region}`}>
      <Text weight="bold">{region}</Text>
      {body}
    </section>
  );
}
