import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import {
  drainFailover,
  failoverRuns,
  passedFailover,
  runningFailover,
} from '../../__fixtures__/failover';
import { FIXTURE_NOW, productionRegions } from '../../__fixtures__/regions';
import { exhaustingCost, failoverCost } from '../../__fixtures__/budgetCost';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { FailoverPage } from './FailoverPage';
import { FailoverTestPanel } from './FailoverTestPanel';

describe('FailoverTestPanel', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows the phases against the formula and polls until the test ends', async () => {
    const api = mockNtInfraApi({
      getFailoverTest: jest.fn().mockResolvedValue(runningFailover),
    });
    await renderSettled(<FailoverTestPanel id={runningFailover.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    const timeline = screen.getByRole('table', {
      name: 'Phases seen by the portal',
    });
    const dns = within(timeline).getByRole('row', { name: /DNS switch/ });
    expect(within(dns).getByText(/1\.2 s/)).toBeInTheDocument();
    expect(within(timeline).getByText('waiting…')).toBeInTheDocument();

    api.getFailoverTest.mockResolvedValue(drainFailover);
    await advance(1500);
    expect(
      screen.getByText(/^Users moved to westus by 63 s/),
    ).toBeInTheDocument();
    // Completed is final: polling stops.
    await advance(5000);
    expect(api.getFailoverTest).toHaveBeenCalledTimes(2);
  });

  it.each([
    [
      'disable-endpoint',
      'primary healthy for 300 s before its endpoint was enabled again',
    ],
    ['unhealthy', 'fault removed from the primary'],
  ] as const)('reports the failback of a %s test', async (method, text) => {
    const api = mockNtInfraApi({
      getFailoverTest: jest.fn().mockResolvedValue({
        ...passedFailover,
        method,
        measurements: {
          ...passedFailover.measurements,
          failback: { primaryHealthyForSeconds: 300, sustainedSeconds: 65 },
        },
      }),
    });
    await renderSettled(<FailoverTestPanel id={passedFailover.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(screen.getByText(new RegExp(`Failback: ${text}`))).toHaveTextContent(
      /serving from the primary again after 65 s/,
    );
  });

  it('aborts with the optional reason', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const api = mockNtInfraApi({
      getFailoverTest: jest.fn().mockResolvedValue(runningFailover),
      abortFailoverTest: jest.fn().mockResolvedValue(runningFailover),
    });
    await renderSettled(<FailoverTestPanel id={runningFailover.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    await user.click(screen.getByRole('button', { name: 'Abort test' }));
    await user.type(screen.getByLabelText(/Why abort/), 'pager');
    await user.click(
      screen.getByRole('button', { name: 'Abort and restore primary' }),
    );
    expect(api.abortFailoverTest).toHaveBeenCalledWith(
      runningFailover.id,
      'pager',
    );
  });
});

describe('FailoverPage', () => {
  it('confirms in words, starts with an idempotency key and follows the new test', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getRegions: jest.fn().mockResolvedValue(productionRegions),
      getRuns: jest.fn().mockResolvedValue({ items: failoverRuns([40, 55]) }),
      previewFailoverTest: jest.fn().mockResolvedValue(failoverCost),
      startFailoverTest: jest.fn().mockResolvedValue(runningFailover),
      getFailoverTest: jest.fn().mockResolvedValue(runningFailover),
    });
    await renderSettled(<FailoverPage />, { apis: [[ntInfraApiRef, api]] });

    expect(api.getRuns).toHaveBeenCalledWith({ kind: 'failover', limit: 25 });
    expect(
      screen.getByRole('img', {
        name: /RTO, production · unhealthy: latest 40 s/,
      }),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Start failover test…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /East US's Traffic Manager endpoint will be disabled; traffic moves to West US\./,
      ),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Start failover test' }),
    );

    expect(api.startFailoverTest).toHaveBeenCalledWith(
      {
        environment: 'production',
        fromRegion: 'eastus',
        method: 'disable-endpoint',
      },
      expect.stringMatching(/^ui-/),
    );
    expect(
      await screen.findByRole('article', {
        name: 'Failover East US → West US',
      }),
    ).toBeInTheDocument();
  });

  it('shows the expected error-budget cost in the confirmation, before the test starts', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getRegions: jest.fn().mockResolvedValue(productionRegions),
      getRuns: jest.fn().mockResolvedValue({ items: [] }),
      previewFailoverTest: jest.fn().mockResolvedValue(failoverCost),
    });
    await renderSettled(<FailoverPage />, { apis: [[ntInfraApiRef, api]] });
    // Nothing is estimated while the form is being filled in.
    expect(api.previewFailoverTest).not.toHaveBeenCalled();

    await user.click(
      screen.getByRole('button', { name: 'Start failover test…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'eastus: expected cost ≈ 2.3 % of the error budget (80 % left now → ≈ 78 % after)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /Worst case: every request fails until switch \+ TTL/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(api.previewFailoverTest).toHaveBeenCalledWith({
      environment: 'production',
      fromRegion: 'eastus',
      method: 'disable-endpoint',
    });
    expect(api.startFailoverTest).not.toHaveBeenCalled();
  });

  it('warns visibly when the test would exhaust the error budget', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getRegions: jest.fn().mockResolvedValue(productionRegions),
      getRuns: jest.fn().mockResolvedValue({ items: [] }),
      previewFailoverTest: jest.fn().mockResolvedValue(exhaustingCost),
    });
    await renderSettled(<FailoverPage />, { apis: [[ntInfraApiRef, api]] });
    await user.click(
      screen.getByRole('button', { name: 'Start failover test…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'This drill would exhaust the error budget',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'eastus has 3.0 % left; the drill is expected to spend ≈ 4.6 %',
      ),
    ).toBeInTheDocument();
  });
});
