import { SliSeriesName, StopCondition } from '@internal/plugin-nt-infra-common';
import { formatPercent, formatRate, formatSeconds } from './format';
import { AxisScale, percentAxis, rateAxis, secondsAxis } from './valueAxis';

/** How one SLI series is drawn: its name, unit and scale. */
export interface SliSeriesSpec {
  key: SliSeriesName;
  label: string;
  /** The y axis: its unit (title) and ticks, chosen from the range drawn. */
  axis: AxisScale;
  /** A value as the panels and hover values print it, with its unit. */
  format: (value: number) => string;
  /**
   * Scale from zero instead of from the lowest value. For rates and error
   * ratios, so 0.01 % → 0.02 % does not look like a spike filling the chart.
   */
  zeroBased?: boolean;
  /** Availability cannot exceed 100 %, so its axis stops there. */
  max?: number;
  /** The recording rule behind the series (monitoring/prometheus), which stop conditions name. */
  rule: string;
}

export const SLI_SERIES: Record<SliSeriesName, SliSeriesSpec> = {
  requestRatePerSecond: {
    key: 'requestRatePerSecond',
    label: 'Request rate',
    axis: rateAxis,
    format: formatRate,
    zeroBased: true,
    rule: 'ntai:http_requests:rate5m',
  },
  errorRatio: {
    key: 'errorRatio',
    label: 'Error ratio',
    axis: percentAxis,
    format: v => formatPercent(v),
    zeroBased: true,
    rule: 'ntai:http_errors:ratio_rate5m',
  },
  latencyP99Seconds: {
    key: 'latencyP99Seconds',
    label: 'p99 latency',
    axis: secondsAxis,
    format: formatSeconds,
    zeroBased: true,
    rule: 'ntai:http_request_duration_seconds:p99_5m',
  },
  availability: {
    key: 'availability',
    label: 'Availability',
    axis: percentAxis,
    format: v => formatPercent(v, 3),
    max: 1,
    rule: 'ntai:availability:ratio_rate5m',
  },
};

/** A horizontal line on a chart: a stop condition's threshold in the series' own unit. */
export interface ThresholdLine {
  value: number;
  label: string;
}

/** The burn rate over 5 minutes is the 5-minute error ratio over the error budget's share. */
const BURN_RATE_5M = 'ntai:slo_burn_rate:5m';

/**
 * The stop conditions that can be drawn on a series: those on its own
 * recording rule, and the 5-minute burn rate on the error ratio (burn rate ×
 * (1 − objective) is the error ratio at which it trips), when the objective is
 * known. Conditions on other windows or metrics (replication lag, the 1 h burn
 * rate) have no line on these charts; the run page lists them in full.
 */
export function thresholdsFor(
  series: SliSeriesName,
  conditions: StopCondition[],
  objective?: number,
): ThresholdLine[] {
  const spec = SLI_SERIES[series];
  const lines: ThresholdLine[] = [];
  for (const c of conditions) {
    if (c.metric === spec.rule) {
      lines.push({
        value: c.threshold,
        label: `Stop if ${c.op} ${spec.format(c.threshold)} for ${c.for}`,
      });
    } else if (
      c.metric === BURN_RATE_5M &&
      series === 'errorRatio' &&
      objective !== undefined &&
      objective < 1
    ) {
      const value = c.threshold * (1 - objective);
      lines.push({
        value,
        label: `Stop if burn rate ${c.op} ${c.threshold}× (${spec.format(
          value,
        )}) for ${c.for}`,
      });
    }
  }
  return lines;
}
