import { Run, SliSeriesName } from '@internal/plugin-nt-infra-common';
import { SLI_SERIES, ThresholdLine } from './sliSeries';

/** A run's fault interval as a region chart shades it. */
export interface FaultInterval {
  from: number;
  to: number;
  label: string;
}

/**
 * The newest run in the region whose fault overlaps the chart's range, so a
 * dip on the region's charts shows whether the portal caused it. Runs that
 * never started (refused, waiting for a window) injected nothing.
 */
export function faultInRange(
  runs: Run[],
  range: { from: number; to: number },
): FaultInterval | undefined {
  for (const run of runs) {
    if (!run.startedAt) continue;
    const from = Date.parse(run.startedAt);
    const to = run.endedAt ? Date.parse(run.endedAt) : range.to;
    if (from <= range.to && to >= range.from) {
      return {
        from,
        to,
        label: `${run.title} (${run.kind}${run.endedAt ? '' : ', live'})`,
      };
    }
  }
  return undefined;
}

/**
 * Where the SLO puts the line on a region's charts: the objective on
 * availability, and the error ratio that spends the budget exactly as fast
 * as it accrues (1 − objective) on the error ratio.
 */
export function objectiveLines(
  series: SliSeriesName,
  objective: number | undefined,
): ThresholdLine[] {
  if (objective === undefined || !(objective > 0 && objective < 1)) return [];
  if (series === 'availability') {
    return [
      {
        value: objective,
        label: `SLO objective ${SLI_SERIES.availability.format(objective)}`,
      },
    ];
  }
  if (series === 'errorRatio') {
    const value = 1 - objective;
    return [
      {
        value,
        label: `Budget burn 1× (${SLI_SERIES.errorRatio.format(value)})`,
      },
    ];
  }
  return [];
}
