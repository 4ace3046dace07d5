import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import {
  rolledBackRun,
  runningRun,
  runSummary,
} from '../../__fixtures__/chaos';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { ActiveRuns } from './ActiveRuns';

describe('ActiveRuns', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  function mockApi() {
    return mockNtInfraApi({
      getRuns: jest.fn().mockResolvedValue({ items: [runSummary(runningRun)] }),
      getRun: jest.fn().mockResolvedValue(runningRun),
      stopRun: jest.fn().mockResolvedValue(runSummary(runningRun)),
    });
  }

  it('asks only for active chaos runs and follows each every 2 s until it ends', async () => {
    const api = mockApi();
    await renderSettled(<ActiveRuns />, { apis: [[ntInfraApiRef, api]] });
    expect(api.getRuns).toHaveBeenCalledWith({
      kind: 'chaos',
      state: ['approved', 'starting', 'running', 'stopping'],
      limit: 50,
    });
    const card = await screen.findByLabelText('Run API pod failure (10%)');
    expect(within(card).getByText('fault applied')).toBeInTheDocument();
    expect(api.getRun).toHaveBeenCalledTimes(1);

    api.getRun.mockResolvedValue(rolledBackRun);
    await advance(2000);
    expect(api.getRun).toHaveBeenCalledTimes(2);
    expect(
      within(card).getByText('availability < 0.99 in eastus'),
    ).toBeInTheDocument();

    // Rolled back is final: no more requests for it.
    await advance(4000);
    expect(api.getRun).toHaveBeenCalledTimes(2);
  });

  it('stops a run with the reason the user gives', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const api = mockApi();
    await renderSettled(<ActiveRuns />, { apis: [[ntInfraApiRef, api]] });
    const card = await screen.findByLabelText('Run API pod failure (10%)');

    await user.click(within(card).getByRole('button', { name: 'Stop' }));
    const confirm = within(card).getByRole('button', { name: 'Stop run' });
    expect(confirm).toBeDisabled();
    await user.type(within(card).getByLabelText(/Why stop it/), 'pager fired');
    await user.click(confirm);

    expect(api.stopRun).toHaveBeenCalledWith(runningRun.id, 'pager fired');
  });
});
