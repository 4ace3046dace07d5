import { ResilienceTrendPoint } from '@internal/plugin-nt-infra-common';
import { LineChart } from '@mui/x-charts/LineChart';
import styles from '../TimeSeriesChart/TimeSeriesChart.module.css';

function formatDay(value: string | number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(new Date(value));
}

/**
 * The score at the end of each past week, on the 0–100 scale: whether the
 * service is being exercised more or less over time is what an owner acts on.
 */
export function ResilienceTrendChart(props: {
  points: ResilienceTrendPoint[];
  height?: number;
  width?: number;
  /** For tests; the browser's zone otherwise. */
  timeZone?: string;
}) {
  const { points, timeZone } = props;
  if (points.length === 0) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const summary = `Resilience score by week, ${formatDay(
    first.at,
    timeZone,
  )}–${formatDay(last.at, timeZone)}: ${points.map(p => p.score).join(', ')}`;
  return (
    <figure className={styles.figure} aria-label={summary}>
      <figcaption className={styles.caption}>
        <span className={styles.title}>Score at the end of each week</span>
        <span>
          {formatDay(first.at, timeZone)}–{formatDay(last.at, timeZone)} (
          {points.length} weeks)
        </span>
      </figcaption>
      <LineChart
        height={props.height ?? 140}
        width={props.width}
        margin={{ top: 12, right: 16, bottom: 28, left: 40 }}
        skipAnimation
        slotProps={{ legend: { hidden: true } }}
        xAxis={[
          {
            data: points.map(p => new Date(p.at)),
            scaleType: 'time',
            tickNumber: Math.min(points.length, 5),
            valueFormatter: (d: Date) => formatDay(d, timeZone),
          },
        ]}
        yAxis={[{ min: 0, max: 100, tickNumber: 3 }]}
        series={[
          {
            data: points.map(p => p.score),
            label: 'Resilience score',
            curve: 'stepAfter',
            showMark: true,
          },
        ]}
      />
    </figure>
  );
}
