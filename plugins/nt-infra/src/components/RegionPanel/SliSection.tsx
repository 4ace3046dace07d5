import { Text } from '@backstage/ui';
import {
  EnvironmentName,
  RegionHealth,
  SliSeriesName,
} from '@internal/plugin-nt-infra-common';
import { Fragment } from 'react';
import { useSliSeries } from '../../hooks/useSliSeries';
import { formatPercent, formatRate, formatSeconds } from '../../lib/format';
import { ObservedStatus } from '../ObservedStatus';
import { Sparkline } from '../Sparkline';
import styles from './RegionPanel.module.css';

const rows: Array<{
  key: SliSeriesName;
  label: string;
  format: (v: number | undefined) => string;
  zeroBased?: boolean;
}> = [
  {
    key: 'requestRatePerSecond',
    label: 'Request rate',
    format: formatRate,
    zeroBased: true,
  },
  {
    key: 'errorRatio',
    label: 'Error ratio',
    format: v => formatPercent(v),
    zeroBased: true,
  },
  { key: 'latencyP99Seconds', label: 'p99 latency', format: formatSeconds },
  {
    key: 'availability',
    label: 'Availability',
    format: v => formatPercent(v, 3),
  },
];

/** The region's SLIs now (from the regions poll) beside their last hour. */
export function SliSection(props: {
  environment: EnvironmentName;
  region: RegionHealth;
}) {
  const { environment, region } = props;
  const series = useSliSeries(environment, region.name);
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
      </div>
      {slis ? (
        <dl className={styles.facts}>
          {rows.map(row => (
            <Fragment key={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.format(slis[row.key])}</dd>
              <dd>
                {history?.value ? (
                  <Sparkline
                    label={`${row.label}, last hour`}
                    points={history.value[row.key] ?? []}
                    format={v => row.format(v)}
                    zeroBased={row.zeroBased}
                  />
                ) : null}
              </dd>
            </Fragment>
          ))}
          <dt>Replication lag</dt>
          <dd>{formatSeconds(slis.replicationLagSeconds)}</dd>
          <dd />
        </dl>
      ) : null}
      {burnRates.length > 0 ? (
        <Text variant="body-x-small" color="secondary">
          Burn rate{' '}
          {burnRates
            .map(([window, rate]) => `${window} ${rate?.toFixed(1)}×`)
            .join(' · ')}
        </Text>
      ) : null}
      {/* The sparklines have their own freshness: Prometheus range queries can fail alone. */}
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
