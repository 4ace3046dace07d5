import { Text } from '@backstage/ui';
import {
  EnvironmentName,
  RegionHealth,
  SliSeriesName,
} from '@internal/plugin-nt-infra-common';
import { Fragment } from 'react';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useRunsList } from '../../hooks/useRuns';
import { useSliSeries } from '../../hooks/useSliSeries';
import { formatSeconds } from '../../lib/format';
import { faultInRange, objectiveLines } from '../../lib/regionChartMarks';
import { SLI_SERIES } from '../../lib/sliSeries';
import { GrafanaLink } from '../GrafanaLink';
import { ObservedStatus } from '../ObservedStatus';
import { TimeSeriesChart } from '../TimeSeriesChart';
import styles from './RegionPanel.module.css';

const rows: SliSeriesName[] = [
  'requestRatePerSecond',
  'errorRatio',
  'latencyP99Seconds',
  'availability',
];

const HOUR_MS = 3_600_000;
/** Enough to find the run behind a dip in the last hour. */
const REGION_RUNS = 5;

/**
 * The region's SLIs now (from the regions poll) and their last hour, charted
 * against the SLO and with the latest run's fault shaded, so a dip reads as
 * "our drill" or "not ours" at a glance.
 */
export function SliSection(props: {
  environment: EnvironmentName;
  region: RegionHealth;
}) {
  const { environment, region } = props;
  const series = useSliSeries(environment, region.name);
  const runs = useRunsList(
    { environment, region: region.name, limit: REGION_RUNS },
    LIVE_POLL_INTERVAL_MS,
  );
  const objective = region.slo.value?.objective;
  const range = series.value
    ? { from: Date.parse(series.value.start), to: Date.parse(series.value.end) }
    : undefined;
  const fault = range
    ? faultInRange(runs.value?.items ?? [], range)
    : undefined;
  const slis = region.slis.value;
  const history = series.value?.series;
  const burnRates = Object.entries(slis?.burnRates ?? {});

  return (
    <section
      className={styles.section}
      aria-label={`SLIs ${region.displayName}`}
    >
      <div className={styles.sectionTitle}>
        <Text as="h5" variant="body-medium" weight="bold">
          SLIs
        </Text>
        <ObservedStatus observed={region.slis} source="SLIs" />
        <GrafanaLink
          dashboard="regionOverview"
          environment={environment}
          regions={[region.metricsRegion]}
          from={
            series.value ? Date.parse(series.value.start) : Date.now() - HOUR_MS
          }
          to="now"
        />
      </div>
      {slis ? (
        <dl className={styles.facts}>
          {rows.map(key => (
            <Fragment key={key}>
              <dt>{SLI_SERIES[key].label}</dt>
              <dd>
                {slis[key] !== undefined
                  ? SLI_SERIES[key].format(slis[key]!)
                  : '—'}
              </dd>
            </Fragment>
          ))}
          <dt>Replication lag</dt>
          <dd>{formatSeconds(slis.replicationLagSeconds)}</dd>
        </dl>
      ) : null}
      {history?.value && range ? (
        <div className={styles.charts}>
          {rows.map(key => (
            <TimeSeriesChart
              key={key}
              label={`${SLI_SERIES[key].label}, last hour`}
              axis={SLI_SERIES[key].axis}
              points={history.value![key] ?? []}
              format={SLI_SERIES[key].format}
              zeroBased={SLI_SERIES[key].zeroBased}
              max={SLI_SERIES[key].max}
              range={range}
              thresholds={objectiveLines(key, objective)}
              highlight={fault}
              height={130}
            />
          ))}
        </div>
      ) : null}
      {burnRates.length > 0 ? (
        <Text variant="body-x-small" color="secondary">
          Burn rate{' '}
          {burnRates
            .map(([window, rate]) => `${window} ${rate?.toFixed(1)}×`)
            .join(' · ')}
        </Text>
      ) : null}
      {/* The charts have their own freshness: Prometheus range queries can fail alone. */}
      {series.error ? (
        <Text variant="body-x-small" color="danger">
          History unavailable: {series.error.message}
        </Text>
      ) : null}
      {history && history.status !== 'ok' ? (
        <ObservedStatus observed={history} source="SLI history" />
      ) : null}
    </section>
  );
}
