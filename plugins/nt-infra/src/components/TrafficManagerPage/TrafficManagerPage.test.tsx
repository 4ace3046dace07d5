import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import {
  agreeingTraffic,
  disagreeingTraffic,
} from '../../__fixtures__/traffic';
import { TrafficManagerPage } from './TrafficManagerPage';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';

function mockApi(): jest.Mocked<NtInfraApi> {
  return mockNtInfraApi({
    getRegions: jest.fn(),
    getTraffic: jest.fn().mockResolvedValue(agreeingTraffic),
    getSliSeries: jest.fn(),
  });
}

describe('TrafficManagerPage', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows each profile and picks up a failover on the next 5 s refresh', async () => {
    const api = mockApi();
    await renderSettled(<TrafficManagerPage />, {
      apis: [[ntInfraApiRef, api]],
    });
    const panel = await screen.findByLabelText('Traffic Manager production');
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();

    api.getTraffic.mockResolvedValue(disagreeingTraffic);
    await advance(5000);

    expect(api.getTraffic).toHaveBeenCalledTimes(2);
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'DNS still answers eastus — propagation within TTL 60 s',
    );
  });

  it('keeps the last profile on screen, marked stale, when a refresh fails', async () => {
    const api = mockApi();
    await renderSettled(<TrafficManagerPage />, {
      apis: [[ntInfraApiRef, api]],
    });
    await screen.findByLabelText('Traffic Manager production');
    api.getTraffic.mockRejectedValue(new Error('backend restarting'));
    await advance(5000);

    const panel = screen.getByLabelText('Traffic Manager production');
    expect(
      within(panel).getByText('stale: refresh failed'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('table', { name: 'Endpoints' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Refreshing Traffic Manager and DNS failed: backend restarting',
    );
  });

  it('shows the backend error when nothing has loaded', async () => {
    const api = mockApi();
    api.getTraffic.mockRejectedValue(new Error('backend down'));
    await renderSettled(<TrafficManagerPage />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
