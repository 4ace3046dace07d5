import { screen, within } from '@testing-library/react';
import { SliSeriesResponse } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { rolledBackRun } from '../../__fixtures__/chaos';
import { FIXTURE_NOW, productionRegions } from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { layOutCharts } from '../../__testUtils__/chartLayout';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { RunPage } from './RunPage';

/** The last 15 minutes at one point a minute, with errors while the fault ran. */
function seriesAroundFault(): SliSeriesResponse {
  const points = (v: (minutesAgo: number) => number) =>
    Array.from({ length: 16 }, (_, i) => ({
      t: FIXTURE_NOW - (15 - i) * 60_000,
      v: v(15 - i),
    }));
  const faulted = (m: number) => m <= 10 && m >= 5;
  return {
    ...eastusSeries,
    series: {
      ...eastusSeries.series,
      value: {
        requestRatePerSecond: points(() => 120),
        errorRatio: points(m => (faulted(m) ? 0.03 : 0.001)),
        latencyP99Seconds: points(() => 0.25),
        availability: points(m => (faulted(m) ? 0.97 : 0.999)),
      },
    },
  };
}

describe('RunPage', () => {
  let layout: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers({ now: FIXTURE_NOW });
    layout = layOutCharts();
  });
  afterEach(() => {
    layout.mockRestore();
    jest.useRealTimers();
  });

  it('shows the rollback, its evidence, targets, timeline and the SLIs around the fault', async () => {
    const api = mockNtInfraApi({
      getRun: jest.fn().mockResolvedValue(rolledBackRun),
      getSliSeries: jest.fn().mockResolvedValue(seriesAroundFault()),
    });
    await renderSettled(<RunPage id={rolledBackRun.id} />, {
      apis: [[ntInfraApiRef, api]],
    });

    const outcome = await screen.findByRole('region', { name: 'Outcome' });
    expect(outcome).toHaveTextContent(
      'Ending: rolled-back — stop condition breached',
    );
    expect(outcome).toHaveTextContent(
      'Rolled back 1.8 s after the breach was visible (target ≤ 5 s)',
    );
    const evidence = within(outcome).getByRole('table', {
      name: 'Rollback evidence',
    });
    expect(evidence).toHaveTextContent(
      'ntai:availability:ratio_rate5m < 0.99 for 1m',
    );
    expect(evidence).toHaveTextContent('0.971');

    expect(
      screen.getByRole('row', { name: /Targets eastus/ }),
    ).toHaveTextContent('ntai/ntai-api-7d9f-abcde');
    expect(screen.getByRole('table', { name: 'Timeline' })).toHaveTextContent(
      'stop-condition-watcher',
    );

    // The run started 10 min ago: the 15-minute window covers it with lead.
    expect(api.getSliSeries).toHaveBeenCalledWith('production', 'eastus', 15);
    const chart = screen.getByRole('figure', { name: /^Error ratio eastus/ });
    expect(within(chart).getByTestId('shaded-interval')).toHaveTextContent(
      'Fault injected',
    );
    // The run's stop condition is drawn where it would have tripped.
    const availability = screen.getByRole('figure', {
      name: /^Availability eastus/,
    });
    expect(availability).toHaveTextContent('Stop if < 99.000 % for 1m');
    expect(screen.getByText(/^Took \d/)).toBeInTheDocument();
    // Ended: no Stop button, and no more polling.
    expect(
      screen.queryByRole('button', { name: 'Stop' }),
    ).not.toBeInTheDocument();
  });

  it("titles a failover test with the regions' display names, their Azure names in the caption", async () => {
    const failoverRun = {
      ...rolledBackRun,
      kind: 'failover' as const,
      state: 'completed' as const,
      regions: ['eastus', 'westus'],
      title: 'Failover test: eastus → westus (unhealthy)',
      params: { method: 'unhealthy' },
      outcome: {},
    };
    const api = mockNtInfraApi({
      getRun: jest.fn().mockResolvedValue(failoverRun),
      getRegions: jest.fn().mockResolvedValue(productionRegions),
      getSliSeries: jest.fn().mockResolvedValue(seriesAroundFault()),
    });
    await renderSettled(<RunPage id={failoverRun.id} />, {
      apis: [[ntInfraApiRef, api]],
    });

    const page = await screen.findByRole('article', {
      name: 'Run Failover test: East US → West US (unhealthy)',
    });
    expect(
      within(page).getByRole('heading', {
        name: 'Failover test: East US → West US (unhealthy)',
      }),
    ).toBeInTheDocument();
    expect(page).toHaveTextContent('failover · production · eastus, westus');
  });
});
