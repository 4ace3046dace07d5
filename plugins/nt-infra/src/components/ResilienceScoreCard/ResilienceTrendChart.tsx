import { ResilienceTrendPoint } from '@internal/plugin-nt-infra-common';
import { LineChart } from '@mui/x-charts/LineChart';
import { timeZoneName } from '../../lib/format';
import styles from '../TimeSeriesChart/TimeSeriesChart.module.css';

/** Room for the axes' titles: the score's left of "100", the weeks' below the dates. */
const margin = { top: 12, right: 16, bottom: 48, left: 56 };

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
        height={props.height ?? 160}
        width={props.width}
        margin={margin}
        skipAnimation
        slotProps={{ legend: { hidden: true } }}
        // By default the title sits over the tick labels; given on the chart,
        // as its slotProps would replace an axis config's.
        leftAxis={{ slotProps: { axisLabel: { x: -(margin.left - 14) } } }}
        xAxis={[
          {
            data: points.map(p => new Date(p.at)),
            scaleType: 'time',
            label: `Week ending (${timeZoneName(
              new Date(last.at).getTime(),
              timeZone,
            )})`,
            tickNumber: Math.min(points.length, 5),
            valueFormatter: (d: Date) => formatDay(d, timeZone),
          },
        ]}
        yAxis={[{ min: 0, max: 100, tickNumber: 3, label: 'Score (0–100)' }]}
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
