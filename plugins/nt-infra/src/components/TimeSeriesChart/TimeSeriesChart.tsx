import { SeriesPoint } from '@internal/plugin-nt-infra-common';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import { formatClock, formatDuration, timeZoneName } from '../../lib/format';
import { ThresholdLine } from '../../lib/sliSeries';
import { AxisScale } from '../../lib/valueAxis';
import { ShadedInterval } from './ShadedInterval';
import styles from './TimeSeriesChart.module.css';

export interface TimeSeriesChartProps {
  /** What the line shows, e.g. "Error ratio"; the chart's accessible name starts with it. */
  label: string;
  /**
   * The value axis for the range drawn: one unit for its title and ticks
   * (e.g. ms for latencies under a second), decimals from the tick step.
   */
  axis: AxisScale;
  points: SeriesPoint[];
  /** A value with its unit, for hover values and the summary. */
  format: (value: number) => string;
  /** The time range drawn, epoch ms; the x axis spans exactly this. */
  range: { from: number; to: number };
  zeroBased?: boolean;
  /** Upper bound of the y axis, e.g. 1 for a ratio. */
  max?: number;
  /** Stop conditions' thresholds, drawn as dashed lines. */
  thresholds?: ThresholdLine[];
  /** An interval to shade, e.g. while a fault was injected. */
  highlight?: { from: number; to: number; label: string };
  height?: number;
  /** Fixed width in px; otherwise the chart fills its container. */
  width?: number;
  /** Time zone of the axis, for tests; the browser's otherwise. */
  timeZone?: string;
}

/**
 * Room around the plot. Left: the value axis' title clear of tick labels as
 * wide as "1234 req/s" (by default the title sits a font size from the axis,
 * over them); bottom: the time axis' ticks and title.
 */
export const chartMargin = { top: 12, right: 16, bottom: 48, left: 92 };
/** The value axis' title, px left of the axis. */
const yTitleOffset = -(chartMargin.left - 14);

/** About this many intervals between the value axis' ticks. */
const Y_TICKS = 4;

/** Keeps lines off the plot's edges: 10 % of the span, or of the value for a flat line. */
function yDomain(props: TimeSeriesChartProps, values: number[]) {
  const all = [...values, ...(props.thresholds ?? []).map(t => t.value)];
  if (all.length === 0) {
    return { min: 0, max: props.max ?? 1 };
  }
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
  const min = props.zeroBased ? Math.min(0, lo) : lo - pad;
  const max =
    props.max !== undefined ? Math.min(props.max, hi + pad) : hi + pad;
  return { min, max: max > min ? max : min + pad };
}

/**
 * A time series people can read: time and value axes titled with the time
 * zone and the unit, the exact time range in the caption, values on hover,
 * thresholds as dashed lines and an interval shaded. Redraws whenever
 * `points` change, so a polled series follows a run live.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { label, format, range, thresholds = [], highlight } = props;
  // Prometheus returns NaN for 0/0 (an error ratio with no requests); leave a gap.
  const points = props.points.filter(
    p => Number.isFinite(p.t) && p.t >= range.from && p.t <= range.to,
  );
  const values = points.map(p => p.v).filter(v => Number.isFinite(v));
  const zone = timeZoneName(range.to, props.timeZone);
  const rangeText = `${formatClock(range.from, {
    timeZone: props.timeZone,
  })}–${formatClock(range.to, {
    timeZone: props.timeZone,
  })} ${zone} (${formatDuration(range.to - range.from)})`;
  const summary =
    values.length > 0
      ? `${label}, ${rangeText}: latest ${format(
          values[values.length - 1],
        )}, min ${format(Math.min(...values))}, max ${format(
          Math.max(...values),
        )}`
      : `${label}, ${rangeText}: no data`;
  const domain = yDomain(props, values);
  const valueAxis = props.axis(domain.min, domain.max, Y_TICKS);

  return (
    <figure className={styles.figure} aria-label={summary}>
      <figcaption className={styles.caption}>
        <span className={styles.title}>{label}</span>
        <span>{rangeText}</span>
      </figcaption>
      {values.length === 0 ? (
        <p className={styles.empty}>No data in this range.</p>
      ) : (
        <LineChart
          height={props.height ?? 180}
          width={props.width}
          margin={chartMargin}
          skipAnimation
          slotProps={{ legend: { hidden: true } }}
          // Given on the chart: its slotProps would replace an axis config's.
          leftAxis={{ slotProps: { axisLabel: { x: yTitleOffset } } }}
          xAxis={[
            {
              data: points.map(p => new Date(p.t)),
              scaleType: 'time',
              min: new Date(range.from),
              max: new Date(range.to),
              // Named like the caption's range, so the ticks read in one zone.
              label: `Time (${zone})`,
              tickNumber: 5,
              valueFormatter: (d: Date, context) =>
                formatClock(d, {
                  seconds: context.location === 'tooltip',
                  timeZone: props.timeZone,
                }),
            },
          ]}
          yAxis={[
            {
              min: domain.min,
              max: domain.max,
              tickInterval: valueAxis.ticks,
              label: valueAxis.title,
              valueFormatter: (v: number) => valueAxis.label(v),
            },
          ]}
          series={[
            {
              data: points.map(p => (Number.isFinite(p.v) ? p.v : null)),
              label,
              showMark: false,
              curve: 'linear',
              valueFormatter: v => (v === null ? 'no data' : format(v)),
            },
          ]}
        >
          {highlight ? (
            <ShadedInterval
              from={highlight.from}
              to={highlight.to}
              label={highlight.label}
            />
          ) : null}
          {thresholds.map(t => (
            <ChartsReferenceLine
              key={t.label}
              y={t.value}
              label={t.label}
              labelAlign="start"
              lineStyle={{ strokeDasharray: '6 4' }}
              classes={{ line: styles.threshold, label: styles.thresholdLabel }}
            />
          ))}
        </LineChart>
      )}
      {thresholds.length > 0 || highlight ? (
        <ul className={styles.legend}>
          {thresholds.map(t => (
            <li key={t.label}>
              <span aria-hidden="true" className={styles.dash} /> {t.label}
            </li>
          ))}
          {highlight ? (
            <li>
              <span aria-hidden="true" className={styles.swatch} />{' '}
              {highlight.label}
            </li>
          ) : null}
        </ul>
      ) : null}
    </figure>
  );
}
