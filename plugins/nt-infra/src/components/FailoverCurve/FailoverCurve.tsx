import {
  FailoverMark,
  FailoverTraffic,
  FailoverTrafficPoint,
} from '@internal/plugin-nt-infra-common';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import { figureSourceText, markLabel } from '../../lib/failoverHeadline';
import { formatPercent, formatSeconds } from '../../lib/format';
import chartStyles from '../TimeSeriesChart/TimeSeriesChart.module.css';
import styles from './FailoverCurve.module.css';

export interface FailoverCurveProps {
  traffic?: FailoverTraffic;
  marks?: FailoverMark[];
  /** The regions the shares are named after; "primary"/"secondary" without them. */
  fromRegion?: string;
  toRegion?: string;
  height?: number;
  /** Fixed width in px; otherwise the chart fills its container. */
  width?: number;
}

const markSource: Record<FailoverMark['source'], string> = {
  ...figureSourceText,
  'traffic-manager': "Traffic Manager's endpoint status",
  run: 'the test itself',
};

/** "+35 s" after the cut, "−10 s" before it. */
export function formatOffset(seconds: number): string {
  if (seconds === 0) return '0 s';
  const text = formatSeconds(Math.abs(seconds));
  return seconds < 0 ? `−${text}` : `+${text}`;
}

/**
 * Each point is an interval between two scrapes; drawn as a step ending at the
 * interval's end, so a value holds over the interval it was counted in.
 */
function stepSeries(points: FailoverTrafficPoint[]) {
  const x = [points[0].startSeconds, ...points.map(p => p.endSeconds)];
  const pick = (f: (p: FailoverTrafficPoint) => number | undefined) => {
    const values = points.map(p => f(p) ?? null);
    return [values[0], ...values];
  };
  return {
    x,
    primary: pick(p => p.primaryShare),
    secondary: pick(p => p.secondaryShare),
    errors: pick(p => p.errorRatio),
  };
}

function summaryOf(
  props: FailoverCurveProps,
  points: FailoverTrafficPoint[],
  marks: FailoverMark[],
): string {
  const ratios = points
    .map(p => p.errorRatio)
    .filter((v): v is number => v !== undefined);
  const last = points[points.length - 1];
  const parts = [
    `Users' traffic, ${formatOffset(points[0].startSeconds)} to ${formatOffset(
      last.endSeconds,
    )} after the cut`,
    ratios.length > 0
      ? `error ratio max ${formatPercent(Math.max(...ratios))}`
      : 'no error ratio',
    `last interval ${props.fromRegion ?? 'primary'} ${formatPercent(
      last.primaryShare,
      0,
    )}, ${props.toRegion ?? 'secondary'} ${formatPercent(
      last.secondaryShare,
      0,
    )}`,
  ];
  if (marks.length > 0) {
    parts.push(
      `marks: ${marks
        .map(m => `${markLabel[m.kind]} ${formatOffset(m.seconds)}`)
        .join(', ')}`,
    );
  }
  return parts.join('; ');
}

/**
 * A failover test on one time axis, seconds after the cut: the share of user
 * requests each region served, the share that failed against the SLO's error
 * objective, and the moments the portal saw (cut, detection, DNS switch, TTL
 * expiry, recovery, failback) as vertical lines. Values on hover.
 */
export function FailoverCurve(props: FailoverCurveProps) {
  const { traffic } = props;
  const points = traffic?.points ?? [];
  const marks = [...(props.marks ?? [])].sort((a, b) => a.seconds - b.seconds);
  const from = props.fromRegion ?? 'primary';
  const to = props.toRegion ?? 'secondary';

  if (points.length === 0) {
    return (
      <figure
        className={chartStyles.figure}
        aria-label="Users' traffic: no data"
      >
        <figcaption className={chartStyles.caption}>
          <span className={chartStyles.title}>
            Users' traffic around the cut
          </span>
        </figcaption>
        <p className={chartStyles.empty}>
          {traffic?.error
            ? `The users' request counters could not be read: ${traffic.error}`
            : "No users' request counters yet."}
        </p>
        <MarkList marks={marks} />
      </figure>
    );
  }

  const s = stepSeries(points);
  const xs = [...s.x, ...marks.map(m => m.seconds)];
  const percent = (v: number | null) =>
    v === null ? 'no requests' : formatPercent(v, 1);

  return (
    <figure
      className={chartStyles.figure}
      aria-label={summaryOf(props, points, marks)}
    >
      <figcaption className={chartStyles.caption}>
        <span className={chartStyles.title}>Users' traffic around the cut</span>
        <span>
          {traffic?.resolutionSeconds !== undefined
            ? `counters every ${formatSeconds(traffic.resolutionSeconds)}`
            : 'counters'}
          {traffic
            ? ` · error objective ${formatPercent(traffic.errorObjective)}`
            : ''}
        </span>
      </figcaption>
      <LineChart
        height={props.height ?? 260}
        width={props.width}
        margin={{ top: 48, right: 24, bottom: 48, left: 64 }}
        skipAnimation
        xAxis={[
          {
            data: s.x,
            scaleType: 'linear',
            min: Math.min(...xs),
            max: Math.max(...xs),
            label: 'seconds after the cut',
            tickNumber: 6,
            valueFormatter: (v: number, context) =>
              context.location === 'tooltip'
                ? `${formatOffset(v)} after the cut`
                : formatOffset(v),
          },
        ]}
        yAxis={[
          {
            min: 0,
            max: 1,
            tickNumber: 5,
            label: '% of user requests',
            valueFormatter: (v: number) => formatPercent(v, 0),
          },
        ]}
        series={[
          {
            id: 'primary',
            data: s.primary,
            label: `Served by ${from}`,
            showMark: false,
            curve: 'stepBefore',
            valueFormatter: percent,
          },
          {
            id: 'secondary',
            data: s.secondary,
            label: `Served by ${to}`,
            showMark: false,
            curve: 'stepBefore',
            valueFormatter: percent,
          },
          {
            id: 'errors',
            data: s.errors,
            label: 'Failed',
            showMark: false,
            curve: 'stepBefore',
            // Red in both themes, like the stop-condition lines.
            color: '#c62828',
            valueFormatter: percent,
          },
        ]}
        slotProps={{
          legend: {
            position: { vertical: 'bottom', horizontal: 'middle' },
            padding: 0,
          },
        }}
      >
        {traffic ? (
          <ChartsReferenceLine
            y={traffic.errorObjective}
            label="error objective"
            labelAlign="end"
            lineStyle={{ strokeDasharray: '6 4' }}
            classes={{ line: styles.objective, label: styles.objectiveLabel }}
          />
        ) : null}
        {marks.map((m, i) => (
          <ChartsReferenceLine
            key={`${m.kind}-${m.seconds}`}
            x={m.seconds}
            label={markLabel[m.kind]}
            // Marks seconds apart (detection, DNS switch) would print over
            // each other: alternate their labels between top and bottom.
            labelAlign={i % 2 === 0 ? 'start' : 'end'}
            classes={{ line: styles.mark, label: styles.markLabel }}
          />
        ))}
      </LineChart>
      <MarkList marks={marks} />
    </figure>
  );
}

function MarkList(props: { marks: FailoverMark[] }) {
  if (props.marks.length === 0) return null;
  return (
    <ul className={styles.marks} aria-label="Marks">
      {props.marks.map(m => (
        <li key={`${m.kind}-${m.seconds}`}>
          <span className={styles.markName}>{markLabel[m.kind]}</span>{' '}
          {formatOffset(m.seconds)}
          <span className={styles.markSource}> ({markSource[m.source]})</span>
        </li>
      ))}
    </ul>
  );
}
