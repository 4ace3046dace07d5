import { SeriesPoint } from '@internal/plugin-nt-infra-common';
import styles from './Sparkline.module.css';

/**
 * A tiny line chart without axes: the shape of the last hour next to the
 * current number. Written here rather than pulled from a chart library because
 * it is one polyline, and the plugin has no chart dependency to reuse.
 */
export function Sparkline(props: {
  points: SeriesPoint[];
  /** What the line shows, e.g. "Error ratio"; read out with the summary. */
  label: string;
  format: (value: number) => string;
  /**
   * Scale from zero instead of from the lowest value. For rates and error
   * ratios, so 0.01 % → 0.02 % does not look like a spike filling the chart.
   */
  zeroBased?: boolean;
  width?: number;
  height?: number;
  /**
   * An interval to shade, epoch ms, e.g. while a fault was injected, so the
   * eye can tell the fault's effect from the noise around it.
   */
  highlight?: { from: number; to: number; label: string };
}) {
  const {
    label,
    format,
    zeroBased,
    highlight,
    width = 120,
    height = 28,
  } = props;
  // Prometheus returns NaN for 0/0 (an error ratio with no requests); skip it.
  const points = props.points.filter(
    p => Number.isFinite(p.v) && Number.isFinite(p.t),
  );
  if (points.length < 2) {
    return <span className={styles.empty}>no history</span>;
  }

  const values = points.map(p => p.v);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const floor = zeroBased ? Math.min(0, min) : min;
  const t0 = points[0].t;
  const tSpan = points[points.length - 1].t - t0 || 1;
  // A flat line sits in the middle instead of collapsing onto an edge.
  const vSpan = max - floor || 1;
  const pad = 2;
  const x = (t: number) => pad + ((t - t0) / tSpan) * (width - 2 * pad);
  const y = (v: number) =>
    max === floor
      ? height / 2
      : height - pad - ((v - floor) / vSpan) * (height - 2 * pad);

  // Clipped to the drawn range: a fault that began before the series did
  // shades from the left edge.
  const shade =
    highlight && highlight.to > t0 && highlight.from < t0 + tSpan
      ? {
          x: x(Math.max(highlight.from, t0)),
          width:
            x(Math.min(highlight.to, t0 + tSpan)) -
            x(Math.max(highlight.from, t0)),
        }
      : undefined;

  const coordinates = points.map(
    p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`,
  );
  const last = points[points.length - 1];
  const summary = `${label}: latest ${format(last.v)}, min ${format(
    min,
  )}, max ${format(max)}`;

  return (
    <svg
      className={styles.sparkline}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      {shade && highlight ? (
        <rect
          className={styles.highlight}
          x={shade.x}
          y={0}
          width={Math.max(shade.width, 1)}
          height={height}
        >
          <title>{highlight.label}</title>
        </rect>
      ) : null}
      <polyline className={styles.line} points={coordinates.join(' ')} />
      <circle className={styles.last} cx={x(last.t)} cy={y(last.v)} r={2} />
    </svg>
  );
}
