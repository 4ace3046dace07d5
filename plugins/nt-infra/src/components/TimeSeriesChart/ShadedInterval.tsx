import { useDrawingArea, useXScale } from '@mui/x-charts/hooks';
import styles from './TimeSeriesChart.module.css';

/**
 * An interval of the time axis shaded behind the lines, e.g. while a fault was
 * injected, clipped to the drawing area: a fault that began before the chart's
 * range shades from its left edge.
 */
export function ShadedInterval(props: {
  from: number;
  to: number;
  label: string;
}) {
  const { left, top, width, height } = useDrawingArea();
  const xScale = useXScale<'time'>();
  const x1 = Math.max(left, xScale(new Date(props.from)) ?? left);
  const x2 = Math.min(left + width, xScale(new Date(props.to)) ?? left);
  if (!(x2 > x1)) {
    return null;
  }
  return (
    <rect
      className={styles.interval}
      data-testid="shaded-interval"
      x={x1}
      y={top}
      width={Math.max(x2 - x1, 1)}
      height={height}
    >
      <title>{props.label}</title>
    </rect>
  );
}
