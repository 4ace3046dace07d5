import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import {
  rolledBackRun,
  runningRun,
  runSummary,
} from '../../__fixtures__/chaos';
import { eastusSeries } from '../../__fixtures__/slis';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { historyRouteRef } from '../../routes';
import { RunsHistoryPage } from './RunsHistoryPage';

function mockApi() {
  return mockNtInfraApi({
    getRuns: jest
      .fn()
      .mockResolvedValueOnce({
        items: [runSummary(runningRun)],
        nextCursor: 'page-2',
      })
      .mockResolvedValue({
        items: [runSummary(rolledBackRun, { title: 'Older run' })],
      }),
    getRun: jest.fn().mockResolvedValue(rolledBackRun),
    getSliSeries: jest.fn().mockResolvedValue(eastusSeries),
  });
}

const options = (api: ReturnType<typeof mockApi>, entries?: string[]) => ({
  apis: [[ntInfraApiRef, api]] as const,
  mountedRoutes: { '/nt-infra/history': historyRouteRef },
  initialRouteEntries: entries,
});

describe('RunsHistoryPage', () => {
  it('loads the next page with the cursor and appends it', async () => {
    const api = mockApi();
    await renderSettled(<RunsHistoryPage />, options(api));
    const table = await screen.findByRole('table', { name: 'Runs' });
    expect(
      within(table).getByRole('link', { name: 'API pod failure (10%)' }),
    ).toHaveAttribute('href', `/nt-infra/history?run=${runningRun.id}`);

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Older run')).toBeInTheDocument();
    expect(
      within(table).getByText('API pod failure (10%)'),
    ).toBeInTheDocument();
    expect(api.getRuns).toHaveBeenLastCalledWith({
      limit: 25,
      cursor: 'page-2',
    });
    // The last page has no cursor, so there is nothing more to load.
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('filters by kind, environment and state', async () => {
    const api = mockApi();
    await renderSettled(<RunsHistoryPage />, options(api));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'chaos');
    await userEvent.selectOptions(screen.getByLabelText('State'), 'active');
    await waitFor(() =>
      expect(api.getRuns).toHaveBeenLastCalledWith({
        kind: 'chaos',
        state: ['approved', 'starting', 'running', 'stopping'],
        limit: 25,
      }),
    );
  });

  it("shows a run's page for ?run=<id>", async () => {
    const api = mockApi();
    await renderSettled(
      <RunsHistoryPage />,
      options(api, [`/nt-infra/history?run=${rolledBackRun.id}`]),
    );
    expect(api.getRun).toHaveBeenCalledWith(rolledBackRun.id);
    expect(
      await screen.findByRole('article', { name: 'Run API pod failure (10%)' }),
    ).toBeInTheDocument();
    expect(api.getRuns).not.toHaveBeenCalled();
  });

  it('says "To" before "From" is wrong instead of silently showing no runs', async () => {
    const api = mockApi();
    await renderSettled(<RunsHistoryPage />, options(api));
    await screen.findByRole('table', { name: 'Runs' });
    const calls = api.getRuns.mock.calls.length;
    fireEvent.change(screen.getByLabelText(/^From/), {
      target: { value: '2026-12-02T10:00' },
    });
    fireEvent.change(screen.getByLabelText(/^To/), {
      target: { value: '2026-12-01T10:00' },
    });
    expect(screen.getByLabelText(/^To/)).toHaveAccessibleDescription(
      '"To" must not be before "From".',
    );
    // No request the server would refuse, and no stale rows under the error.
    expect(
      screen.queryByRole('table', { name: 'Runs' }),
    ).not.toBeInTheDocument();
    expect(api.getRuns.mock.calls.length).toBe(calls + 1);
  });
});
