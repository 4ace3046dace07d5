import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { formatPercent, formatSeconds } from '../../lib/format';
import { percentAxis, secondsAxis } from '../../lib/valueAxis';
import { TimeSeriesChart } from './TimeSeriesChart';

const T0 = Date.parse('2026-12-02T19:00:00Z');
const points = [0, 1, 2, 3, 4, 5, 6].map(i => ({
  t: T0 + i * 60_000,
  v: i === 4 ? 0.03 : 0.001,
}));

/** The value axis' tick labels, bottom to top. */
function valueTicks(figure: HTMLElement): string[] {
  const axis = figure.querySelector('.MuiChartsAxis-directionY');
  return Array.from(
    axis?.querySelectorAll('.MuiChartsAxis-tickLabel') ?? [],
  ).map(t => t.textContent ?? '');
}

describe('TimeSeriesChart', () => {
  it('titles a latency axis under a second in ms, the unit its ticks are in', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        label="p99 latency"
        axis={secondsAxis}
        points={points.map((p, i) => ({ ...p, v: 0.12 + i * 0.02 }))}
        format={formatSeconds}
        zeroBased
        range={{ from: T0, to: T0 + 6 * 60_000 }}
        width={480}
        timeZone="UTC"
      />,
    );
    const figure = screen.getByRole('figure', { name: /^p99 latency, / });
    expect(within(figure).getByText('ms')).toBeInTheDocument();
    expect(within(figure).queryByText('s')).not.toBeInTheDocument();
    expect(valueTicks(figure)).toEqual([
      '0 ms',
      '50 ms',
      '100 ms',
      '150 ms',
      '200 ms',
      '250 ms',
    ]);
  });

  it('gives a small error ratio enough decimals that no two ticks read the same', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        label="Error ratio"
        axis={percentAxis}
        points={points.map((p, i) => ({ ...p, v: i * 0.000005 }))}
        format={v => formatPercent(v)}
        zeroBased
        range={{ from: T0, to: T0 + 6 * 60_000 }}
        width={480}
        timeZone="UTC"
      />,
    );
    const ticks = valueTicks(screen.getByRole('figure'));
    expect(ticks).toEqual(['0.000 %', '0.001 %', '0.002 %', '0.003 %']);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('draws axes with titles and units and the time range, a threshold line and the fault interval', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        label="Error ratio eastus"
        axis={percentAxis}
        points={points}
        format={v => formatPercent(v)}
        zeroBased
        range={{ from: T0, to: T0 + 6 * 60_000 }}
        thresholds={[{ value: 0.02, label: 'Stop if > 2.00 % for 2m' }]}
        highlight={{
          from: T0 + 3 * 60_000,
          to: T0 + 5 * 60_000,
          label: 'Fault injected',
        }}
        width={480}
        timeZone="UTC"
      />,
    );
    const figure = screen.getByRole('figure', {
      name: 'Error ratio eastus, 19:00–19:06 UTC (6 min): latest 0.10 %, min 0.10 %, max 3.00 %',
    });
    // The time axis and the value axis carry their ticks, in units.
    expect(within(figure).getAllByText('19:02').length).toBeGreaterThan(0);
    expect(valueTicks(figure)).toEqual(['0 %', '1 %', '2 %', '3 %']);
    expect(within(figure).getByText('%')).toBeInTheDocument();
    // Titled in the zone the caption and the ticks are in.
    expect(within(figure).getByText('Time (UTC)')).toBeInTheDocument();
    // The stop condition, drawn and in the legend; the fault shaded.
    expect(within(figure).getAllByText('Stop if > 2.00 % for 2m')).toHaveLength(
      2,
    );
    expect(within(figure).getByTestId('shaded-interval')).toHaveTextContent(
      'Fault injected',
    );
  });

  it('says so when the range holds no data instead of drawing an empty frame', async () => {
    await renderInTestApp(
      <TimeSeriesChart
        label="p99 latency"
        axis={secondsAxis}
        points={[{ t: T0 - 3_600_000, v: 0.2 }]}
        format={String}
        range={{ from: T0, to: T0 + 60_000 }}
        timeZone="UTC"
      />,
    );
    expect(screen.getByText('No data in this range.')).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: /^p99 latency, .*: no data$/ }),
    ).toBeInTheDocument();
  });
});
