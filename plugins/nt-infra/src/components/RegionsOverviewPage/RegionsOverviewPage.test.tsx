import { act, screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import {
  failedOverRegions,
  FIXTURE_NOW,
  productionRegions,
} from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import {
  agreeingTraffic,
  disagreeingTraffic,
} from '../../__fixtures__/traffic';
import { RegionsOverviewPage } from './RegionsOverviewPage';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';

function mockApi(): jest.Mocked<NtInfraApi> {
  return mockNtInfraApi({
    getRegions: jest.fn().mockResolvedValue(productionRegions),
    getTraffic: jest.fn().mockResolvedValue(agreeingTraffic),
    getSliSeries: jest.fn().mockResolvedValue(eastusSeries),
  });
}

async function renderPage(api: jest.Mocked<NtInfraApi>) {
  await renderSettled(<RegionsOverviewPage />, {
    apis: [[ntInfraApiRef, api]],
  });
  return screen.findByLabelText('Environment production');
}

function servingRow(panel: HTMLElement) {
  return within(panel)
    .getAllByRole('row')
    .find(row => within(row).queryByText('Serving traffic'));
}

describe('RegionsOverviewPage', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => {
    jest.useRealTimers();
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      value: 'visible',
    });
  });

  it('shows each environment with its regions, primary first, and who serves', async () => {
    const panel = await renderPage(mockApi());
    expect(within(panel).getByText('tm-ntai-production')).toBeInTheDocument();
    const rows = within(panel).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/^East US eastusprimary.*healthy/);
    expect(rows[2]).toHaveTextContent(/^West US westussecondary.*healthy/);
    expect(servingRow(panel)).toHaveTextContent('East US');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Live: regions refresh every 5 s',
    );
  });

  it('refreshes every 5 s without blanking, and shows a failover as it happens', async () => {
    const api = mockApi();
    const panel = await renderPage(api);
    api.getRegions.mockResolvedValue(failedOverRegions);
    api.getTraffic.mockResolvedValue(disagreeingTraffic);

    await advance(5000);

    expect(api.getRegions).toHaveBeenCalledTimes(2);
    // Same panel element: the refresh updated it in place, no spinner in between.
    expect(screen.getByLabelText('Environment production')).toBe(panel);
    expect(servingRow(panel)).toHaveTextContent('West US');
    expect(within(panel).getAllByText('down')[0]).toHaveAttribute(
      'data-tone',
      'danger',
    );
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'DNS still answers eastus — propagation within TTL 60 s',
    );
  });

  it('keeps the last data, marked stale, when a refresh fails', async () => {
    const api = mockApi();
    await renderPage(api);
    api.getRegions.mockRejectedValue(new Error('502 Bad Gateway'));

    await advance(5000);
    await advance(7000);

    const panel = screen.getByLabelText('Environment production');
    expect(
      within(panel).getAllByText('Serving traffic').length,
    ).toBeGreaterThan(0);
    expect(
      within(panel).getByText('stale: refresh failed'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Refreshing regions failed: 502 Bad Gateway',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Showing regions as loaded 12 s ago — stale.',
    );

    api.getRegions.mockResolvedValue(productionRegions);
    await advance(5000);
    expect(screen.queryByText('stale: refresh failed')).not.toBeInTheDocument();
  });

  it('stops polling while the tab is hidden and catches up when it is shown', async () => {
    const api = mockApi();
    await renderPage(api);
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      value: 'hidden',
    });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });

    await advance(30_000);
    expect(api.getRegions).toHaveBeenCalledTimes(1);

    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      value: 'visible',
    });
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(api.getRegions).toHaveBeenCalledTimes(2);
  });

  it('explains how to configure environments when there are none', async () => {
    const api = mockApi();
    api.getRegions.mockResolvedValue({ environments: [] });
    await renderSettled(<RegionsOverviewPage />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(
      await screen.findByText(/No environments are configured/),
    ).toBeInTheDocument();
  });

  it('shows the backend error instead of an empty page', async () => {
    const api = mockApi();
    api.getRegions.mockRejectedValue(new Error('backend down'));
    await renderSettled(<RegionsOverviewPage />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
