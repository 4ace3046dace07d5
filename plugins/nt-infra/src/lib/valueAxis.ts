/**
 * A value axis in one unit: its title names the unit and every tick label is
 * in that unit, with as many decimals as the step between ticks needs, so
 * neighbouring ticks never print the same text.
 */
export interface ValueAxis {
  /** The unit, for the axis title, e.g. "ms" or "%". */
  title: string;
  /** The values ticks are drawn at, within the axis' range. */
  ticks: number[];
  /** A tick's text, in the title's unit. */
  label: (value: number) => string;
}

/** Builds a value axis for the range [min, max] with about `count` intervals. */
export type AxisScale = (min: number, max: number, count: number) => ValueAxis;

/** A round step (1, 2 or 5 × 10^k) cutting the span into about `count` intervals. */
export function tickStep(min: number, max: number, count: number): number {
  const raw = (max - min) / Math.max(count, 1);
  if (!(raw > 0) || !Number.isFinite(raw)) {
    return 0;
  }
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  // The thresholds are the geometric means between the round factors.
  if (error >= Math.sqrt(50)) return 10 * power;
  if (error >= Math.sqrt(10)) return 5 * power;
  if (error >= Math.sqrt(2)) return 2 * power;
  return power;
}

/** The decimals that tell apart values one `step` apart. */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) {
    return 0;
  }
  // The epsilon keeps a step of exactly 10^-k from asking for k + 1 decimals.
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * An axis whose unit is `factor` times the values' (1000 for seconds shown as
 * ms, 100 for a ratio shown as %): ticks at round steps of the shown unit.
 */
function scaledAxis(
  min: number,
  max: number,
  count: number,
  factor: number,
  unit: string,
): ValueAxis {
  const step = tickStep(min * factor, max * factor, count);
  const decimals = decimalsFor(step);
  const ticks: number[] = [];
  // Multiples of the step, so float error does not pile up tick after tick;
  // an empty range has no step and no ticks.
  const first = Math.ceil((min * factor) / step - 1e-9);
  const last = Math.floor((max * factor) / step + 1e-9);
  for (let i = first; step > 0 && i <= last; i++) {
    ticks.push((i * step) / factor);
  }
  return {
    title: unit,
    ticks,
    label: v => `${(v * factor).toFixed(decimals)} ${unit}`,
  };
}

/** Seconds, in ms for the whole axis when it stays below one second. */
export const secondsAxis: AxisScale = (min, max, count) =>
  max < 1
    ? scaledAxis(min, max, count, 1000, 'ms')
    : scaledAxis(min, max, count, 1, 's');

/** A ratio, in percent. */
export const percentAxis: AxisScale = (min, max, count) =>
  scaledAxis(min, max, count, 100, '%');

/** Requests per second. */
export const rateAxis: AxisScale = (min, max, count) =>
  scaledAxis(min, max, count, 1, 'req/s');
