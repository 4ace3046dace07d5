import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { rolledBackRun, runSummary } from '../../__fixtures__/chaos';
import { errorResponse } from '../../__testUtils__/errorBody';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { historyRouteRef } from '../../routes';
import { RunsHistoryPage } from './RunsHistoryPage';

describe('RunsHistoryPage when the server refuses a filter', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the refusal without the previous filter rows under it, and recovers', async () => {
    const run = runSummary(rolledBackRun, { title: 'Unfiltered run' });
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/runs`, ({ request }) =>
        new URL(request.url).searchParams.get('kind') === 'gameday'
          ? errorResponse(400, 'InputError', 'kind: not allowed here')
          : HttpResponse.json({ items: [run] }),
      ),
    );
    await renderSettled(<RunsHistoryPage />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
      mountedRoutes: { '/nt-infra/history': historyRouteRef },
    });
    const table = await screen.findByRole('table', { name: 'Runs' });
    expect(within(table).getByText('Unfiltered run')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'gameday');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'kind: not allowed here',
    );
    expect(screen.queryByText('Unfiltered run')).not.toBeInTheDocument();
    expect(
      screen.queryByText('No runs match these filters.'),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'chaos');
    expect(await screen.findByText('Unfiltered run')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
