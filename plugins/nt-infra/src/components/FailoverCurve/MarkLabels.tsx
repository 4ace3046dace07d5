import { useDrawingArea, useXScale } from '@mui/x-charts/hooks';
import {
  MARK_LABEL_FONT_PX,
  MARK_LANE_PX,
  placeMarkLabels,
} from './markLabelLayout';
import styles from './FailoverCurve.module.css';

/** Above the plot, between its top edge and the nearest row of labels. */
const LANE_GAP_PX = 4;

/** The top margin the chart needs for `lanes` rows of mark labels. */
export function topMarginFor(lanes: number): number {
  return LANE_GAP_PX + lanes * MARK_LANE_PX + 4;
}

/**
 * The marks' names above the plot, each in a row where it clears the others
 * (placeMarkLabels), joined to its line by a leader through the margin.
 */
export function MarkLabels(props: {
  marks: { text: string; seconds: number }[];
  /** How far past the plot's right edge a label may run. */
  room: number;
}) {
  const { left, top, width } = useDrawingArea();
  const xScale = useXScale<'linear'>();
  const xs = props.marks.map(m => (xScale(m.seconds) ?? left) - left);
  const { placed } = placeMarkLabels(
    props.marks.map((m, i) => ({ text: m.text, x: xs[i] })),
    width,
    props.room,
  );
  return (
    <g data-testid="mark-labels">
      {props.marks.map((m, i) => {
        const p = placed[i];
        const baseline = top - LANE_GAP_PX - p.lane * MARK_LANE_PX;
        return (
          <g key={`${m.text}-${m.seconds}`}>
            <line
              className={styles.mark}
              x1={left + xs[i]}
              x2={left + xs[i]}
              y1={top}
              y2={baseline - MARK_LABEL_FONT_PX + 2}
            />
            <text
              className={styles.markLabel}
              x={left + p.textX}
              y={baseline}
              textAnchor={p.anchor}
              data-lane={p.lane}
            >
              {m.text}
            </text>
          </g>
        );
      })}
    </g>
  );
}
