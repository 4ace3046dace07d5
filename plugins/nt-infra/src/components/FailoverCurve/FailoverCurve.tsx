import {
  FailoverDrain,
  FailoverMark,
  FailoverRto,
  FailoverTraffic,
  FailoverTrafficPoint,
} from '@internal/plugin-nt-infra-common';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import useMeasure from 'react-use/esm/useMeasure';
import { markLabel } from '../../lib/failoverHeadline';
import { formatPercent, formatSeconds } from '../../lib/format';
import chartStyles from '../TimeSeriesChart/TimeSeriesChart.module.css';
import { formatOffset } from './formatOffset';
import { MarkLabels, topMarginFor } from './MarkLabels';
import { MarkList } from './MarkList';
import { placeMarkLabels } from './markLabelLayout';
import { SeriesLegend, seriesColors } from './SeriesLegend';
import styles from './FailoverCurve.module.css';

export interface FailoverCurveProps {
  traffic?: FailoverTraffic;
  marks?: FailoverMark[];
  /** The test's headline figure: what its TTL expiry means depends on its source. */
  rto?: FailoverRto;
  drain?: FailoverDrain;
  /** The regions the shares are named after; "primary"/"secondary" without them. */
  fromRegion?: string;
  toRegion?: string;
  /** Height in px without the rows of mark names above the plot. */
  height?: number;
  /** Fixed width in px; otherwise the chart fills its container. */
  width?: number;
}

/**
 * Room around the plot. Left: the value axis' title clear of its widest tick
 * label ("100 %"); bottom: the time axis' ticks and title. The legend is
 * below the chart, the marks' names above the plot (its top margin).
 */
export const curveMargin = { right: 24, bottom: 48, left: 76 };
/** The value axis' title, px left of the axis (ticks end about 50 px left of it). */
export const yTitleOffset = -(curveMargin.left - 18);
/** Until the container is measured (and in jsdom), lanes are laid out for this width. */
const FALLBACK_WIDTH = 640;

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
  const [measureRef, measured] = useMeasure<HTMLDivElement>();
  const points = traffic?.points ?? [];
  const marks = [...(props.marks ?? [])].sort((a, b) => a.seconds - b.seconds);
  const figures = { rto: props.rto, drain: props.drain };
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
        <MarkList marks={marks} figures={figures} />
      </figure>
    );
  }

  const s = stepSeries(points);
  const xs = [...s.x, ...marks.map(m => m.seconds)];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const percent = (v: number | null) =>
    v === null ? 'no requests' : formatPercent(v, 1);

  // The rows of mark names decide the top margin: as many as the width needs.
  const width = props.width ?? (measured.width || FALLBACK_WIDTH);
  const plotWidth = Math.max(width - curveMargin.left - curveMargin.right, 1);
  const markTexts = marks.map(m => ({
    text: markLabel[m.kind],
    seconds: m.seconds,
  }));
  const { lanes } = placeMarkLabels(
    markTexts.map(m => ({
      text: m.text,
      x: xMax > xMin ? ((m.seconds - xMin) / (xMax - xMin)) * plotWidth : 0,
    })),
    plotWidth,
    curveMargin.right,
  );
  const margin = { ...curveMargin, top: topMarginFor(Math.max(lanes, 1)) };
  const series = [
    { id: 'primary', label: `Served by ${from}`, color: seriesColors.primary },
    {
      id: 'secondary',
      label: `Served by ${to}`,
      color: seriesColors.secondary,
    },
    { id: 'errors', label: 'Failed', color: seriesColors.errors },
  ] as const;

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
        </span>
      </figcaption>
      <div ref={measureRef} className={styles.chart}>
        <LineChart
          height={(props.height ?? 220) + margin.top}
          width={props.width}
          margin={margin}
          skipAnimation
          xAxis={[
            {
              data: s.x,
              scaleType: 'linear',
              min: xMin,
              max: xMax,
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
            { ...series[0], data: s.primary },
            { ...series[1], data: s.secondary },
            { ...series[2], data: s.errors },
          ].map(line => ({
            ...line,
            showMark: false,
            curve: 'stepBefore' as const,
            valueFormatter: percent,
          }))}
          // The title left of the tick labels: by default it sits a font size
          // from the axis, over ticks as wide as "100 %". (Given here: the
          // chart's own slotProps would replace an axis config's.)
          leftAxis={{ slotProps: { axisLabel: { x: yTitleOffset } } }}
          // Drawn below the chart as HTML, where it wraps on a narrow page
          // instead of running into the time axis' title.
          slotProps={{ legend: { hidden: true } }}
        >
          {traffic ? (
            <ChartsReferenceLine
              y={traffic.errorObjective}
              lineStyle={{ strokeDasharray: '6 4' }}
              classes={{ line: styles.objective }}
            />
          ) : null}
          {marks.map(m => (
            <ChartsReferenceLine
              key={`${m.kind}-${m.seconds}`}
              x={m.seconds}
              classes={{ line: styles.mark }}
            />
          ))}
          <MarkLabels marks={markTexts} room={curveMargin.right} />
        </LineChart>
      </div>
      <SeriesLegend
        series={series}
        objective={
          traffic
            ? `Error objective ${formatPercent(traffic.errorObjective)}`
            : undefined
        }
      />
      <MarkList marks={marks} figures={figures} />
    </figure>
  );
}
