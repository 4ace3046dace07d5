import { useApi } from '@backstage/core-plugin-api';
import { Flex, Text } from '@backstage/ui';
import {
  EnvironmentName,
  SliSeriesName,
} from '@internal/plugin-nt-infra-common';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatPercent, formatSeconds } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import { Sparkline } from '../Sparkline';

/** The look-back windows the SLI endpoint serves, in minutes. */
const RANGES = [15, 60, 180, 360, 1440];
/** Some context before the fault, to compare against. */
const LEAD_MINUTES = 5;

/**
 * The smallest served window reaching back to a little before the fault, or
 * undefined when the fault is older than the longest one. The SLI endpoint
 * only answers "the last N minutes", so an old run cannot be charted.
 */
export function rangeFor(startedAt: number, now: number): number | undefined {
  const needed = (now - startedAt) / 60_000 + LEAD_MINUTES;
  return RANGES.find(r => r >= needed);
}

const charts: Array<{
  key: SliSeriesName;
  label: string;
  format: (v: number) => string;
  zeroBased?: boolean;
}> = [
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

/**
 * A region's SLIs around a run, the fault's interval shaded: the question
 * after a chaos run is "did users notice", and that is a picture.
 */
export function SliImpactChart(props: {
  environment: EnvironmentName;
  region: string;
  startedAt: string;
  endedAt?: string;
}) {
  const { environment, region } = props;
  const api = useApi(ntInfraApiRef);
  const from = Date.parse(props.startedAt);
  const to = props.endedAt ? Date.parse(props.endedAt) : Date.now();
  const minutes = rangeFor(from, Date.now());
  const series = useAsync(
    async () =>
      minutes ? api.getSliSeries(environment, region, minutes) : undefined,
    [api, environment, region, minutes],
  );

  let body;
  if (!minutes) {
    body = (
      <Text variant="body-small" color="secondary">
        The fault is older than the 24 h of SLI history the portal can chart.
      </Text>
    );
  } else if (series.error) {
    body = (
      <Text variant="body-small" color="danger">
        SLI history unavailable: {errorMessage(series.error)}
      </Text>
    );
  } else if (series.value?.series.value) {
    const values = series.value.series.value;
    body = charts.map(c => (
      <Flex key={c.key} direction="column" gap="1">
        <Text variant="body-x-small" color="secondary">
          {c.label}
        </Text>
        <Sparkline
          label={`${c.label} ${region}`}
          points={values[c.key] ?? []}
          format={c.format}
          zeroBased={c.zeroBased}
          width={320}
          height={64}
          highlight={{ from, to, label: 'Fault injected' }}
        />
      </Flex>
    ));
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
      <div className={forms.inline}>{body}</div>
    </section>
  );
}
