/** Font size of a mark's label, px; its width is estimated from it. */
export const MARK_LABEL_FONT_PX = 11;
/** Height of one row of labels above the plot, px. */
export const MARK_LANE_PX = 15;
/**
 * An upper estimate of a character's advance at 11 px: DejaVu Sans, the
 * widest of the fonts the portal falls back to, averages about 6.5 px.
 */
const CHAR_PX = 7;
/** Between a label and its line, and between two labels in a row. */
const GAP_PX = 4;

export interface MarkLabelInput {
  /** The label's text. */
  text: string;
  /** Where its line is, px from the plot's left edge. */
  x: number;
}

export interface PlacedMarkLabel {
  /** Row above the plot, 0 nearest to it. */
  lane: number;
  /** To the right of the line ('start'), or to its left near the right edge. */
  anchor: 'start' | 'end';
  /** The text's anchor, px from the plot's left edge. */
  textX: number;
  /** The span the text covers (estimated), px from the plot's left edge. */
  from: number;
  to: number;
}

export function estimateLabelWidth(text: string): number {
  return text.length * CHAR_PX;
}

/**
 * Places the marks' labels in rows above the plot so no two share a span:
 * each label beside its line, in the nearest row where it clears the labels
 * already there. Marks seconds apart (detection and the DNS switch) land in
 * different rows instead of printing over each other, and labels never sit on
 * the lines, the error objective or the axes. `room` is how far past the
 * plot's right edge a label may run (the chart's right margin).
 */
export function placeMarkLabels(
  labels: MarkLabelInput[],
  plotWidth: number,
  room = 0,
): { placed: PlacedMarkLabel[]; lanes: number } {
  const spans = labels.map(({ text, x }) => {
    const width = estimateLabelWidth(text);
    const anchor: 'start' | 'end' =
      x + GAP_PX + width > plotWidth + room && x - GAP_PX - width >= 0
        ? 'end'
        : 'start';
    const textX = anchor === 'start' ? x + GAP_PX : x - GAP_PX;
    const from = anchor === 'start' ? textX : textX - width;
    return { anchor, textX, from, to: from + width };
  });
  // Interval colouring: by left edge, each span into the first row it fits.
  const order = spans
    .map((_, i) => i)
    .sort((a, b) => spans[a].from - spans[b].from);
  const laneEnds: number[] = [];
  const placed: PlacedMarkLabel[] = new Array(labels.length);
  for (const i of order) {
    const span = spans[i];
    let lane = laneEnds.findIndex(end => span.from >= end + GAP_PX);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(span.to);
    } else {
      laneEnds[lane] = span.to;
    }
    placed[i] = { ...span, lane };
  }
  return { placed, lanes: laneEnds.length };
}
