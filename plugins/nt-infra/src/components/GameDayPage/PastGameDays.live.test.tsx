import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import {
  endedGameDay,
  gameDayReport,
  runningGameDay,
  scenarios,
} from '../../__fixtures__/gameday';
import { FIXTURE_NOW, productionRegions } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { GameDayPage } from './GameDayPage';

describe('Past GameDays', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('lists a GameDay that ends while the page is open, without a reload', async () => {
    let current = runningGameDay;
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/gamedays/scenarios`, () =>
        HttpResponse.json(scenarios),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs`, () =>
        HttpResponse.json({ items: [current] }),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs/:id`, () =>
        HttpResponse.json(current),
      ),
      http.get(`${NT_INFRA_TEST_URL}/gamedays/:id/report`, () =>
        HttpResponse.json(gameDayReport),
      ),
      // The report names regions as the rest of the portal does.
      http.get(`${NT_INFRA_TEST_URL}/regions`, () =>
        HttpResponse.json(productionRegions),
      ),
    );
    await renderSettled(<GameDayPage />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    const past = screen.getByRole('region', { name: 'Past GameDays' });
    expect(past).toHaveTextContent('No GameDay has finished yet');

    current = endedGameDay;
    await advance(LIVE_POLL_INTERVAL_MS);
    const table = within(past).getByRole('table', { name: 'Past GameDays' });
    expect(
      within(table).getByRole('row', { name: /Lose East US/ }),
    ).toHaveTextContent('completed');
    expect(past).not.toHaveTextContent('No GameDay has finished yet');
  });
});
