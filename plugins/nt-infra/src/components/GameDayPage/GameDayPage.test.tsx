import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import {
  endedGameDay,
  gameDayReport,
  runningGameDay,
  scenarios,
} from '../../__fixtures__/gameday';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import { exhaustingCost } from '../../__fixtures__/budgetCost';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { GameDayLive } from './GameDayLive';
import { GameDayPage } from './GameDayPage';

describe('GameDayPage', () => {
  it('lists scenarios with the invalid files, and starts one after confirmation', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getGameDayScenarios: jest.fn().mockResolvedValue(scenarios),
      getRuns: jest.fn().mockResolvedValue({ items: [] }),
      previewGameDay: jest.fn().mockResolvedValue(exhaustingCost),
      startGameDay: jest.fn().mockResolvedValue(runningGameDay),
      getRun: jest.fn().mockResolvedValue(runningGameDay),
    });
    await renderSettled(<GameDayPage />, { apis: [[ntInfraApiRef, api]] });

    expect(
      screen.getByText(/steps\.0\.timeout: must be a Go duration/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run Lose East US' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/This runs 2 step\(s\) against production/),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Start GameDay' }),
    );
    expect(api.startGameDay).toHaveBeenCalledWith(
      { scenario: 'region-loss', environment: 'production' },
      expect.stringMatching(/^ui-/),
    );
    expect(
      await screen.findByRole('article', { name: 'GameDay Lose East US' }),
    ).toBeInTheDocument();
  });

  it('shows what the GameDay is expected to cost in error budget, per step, and warns when it would exhaust it', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getGameDayScenarios: jest.fn().mockResolvedValue(scenarios),
      getRuns: jest.fn().mockResolvedValue({ items: [] }),
      previewGameDay: jest.fn().mockResolvedValue(exhaustingCost),
    });
    await renderSettled(<GameDayPage />, { apis: [[ntInfraApiRef, api]] });
    await user.click(screen.getByRole('button', { name: 'Run Lose East US' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'This drill would exhaust the error budget',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'eastus: expected cost ≈ 4.6 % of the error budget (3.0 % left now → ≈ -1.6 % after)',
      ),
    ).toBeInTheDocument();
    const steps = within(dialog).getByRole('list', { name: 'Cost by step' });
    expect(
      within(steps).getByText(
        /pod-failure \(eastus\): ≈ 2\.3 % — 50\.0 % of the matching pods/,
      ),
    ).toBeInTheDocument();
    expect(api.previewGameDay).toHaveBeenCalledWith({
      scenario: 'region-loss',
      environment: 'production',
    });
    expect(api.startGameDay).not.toHaveBeenCalled();
  });
});

describe('GameDayPage past GameDays', () => {
  it('lists finished GameDays with their verdict and opens the report of the one picked', async () => {
    const user = userEvent.setup();
    const failedLastMonth = {
      ...endedGameDay,
      id: '55555555-5555-4555-8555-555555555555',
      outcome: { verdict: 'failed' },
    };
    const api = mockNtInfraApi({
      getGameDayScenarios: jest.fn().mockResolvedValue(scenarios),
      getRuns: jest
        .fn()
        .mockResolvedValue({ items: [runningGameDay, failedLastMonth] }),
      getRun: jest.fn(async id =>
        id === failedLastMonth.id ? failedLastMonth : runningGameDay,
      ),
      getGameDayReport: jest.fn().mockResolvedValue(gameDayReport),
    });
    await renderSettled(<GameDayPage />, { apis: [[ntInfraApiRef, api]] });

    const past = screen.getByRole('table', { name: 'Past GameDays' });
    // The running one is shown live above, not listed as past.
    expect(within(past).getAllByRole('row')).toHaveLength(2);
    const row = within(past).getAllByRole('row')[1];
    expect(row).toHaveTextContent('failed');
    expect(row).toHaveTextContent('user:default/alice');

    await user.click(within(row).getByRole('button', { name: /^Report of / }));
    expect(api.getRun).toHaveBeenCalledWith(failedLastMonth.id);
    expect(
      await screen.findByRole('region', { name: 'Report' }),
    ).toBeInTheDocument();
  });

  it('says what to do when no GameDay has finished', async () => {
    const api = mockNtInfraApi({
      getGameDayScenarios: jest.fn().mockResolvedValue(scenarios),
      getRuns: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderSettled(<GameDayPage />, { apis: [[ntInfraApiRef, api]] });
    expect(
      screen.getByText(/No GameDay has finished yet\. Run a scenario below/),
    ).toBeInTheDocument();
  });
});

describe('GameDayLive', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows steps with notes, adds a note, and renders the report once it ends', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const api = mockNtInfraApi({
      getRun: jest.fn().mockResolvedValue(runningGameDay),
      addGameDayNote: jest
        .fn()
        .mockResolvedValue({ seq: 1, step: 'failover', line: 'x' }),
      getGameDayReport: jest.fn().mockResolvedValue(gameDayReport),
      getGameDayReportMarkdown: jest
        .fn()
        .mockResolvedValue('# GameDay: Lose East US\n'),
    });
    await renderSettled(<GameDayLive id={runningGameDay.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    const steps = screen.getByRole('table', { name: 'GameDay steps' });
    expect(within(steps).getByText(/DNS flipped/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Note'), 'traffic on westus');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(api.addGameDayNote).toHaveBeenCalledWith(
      runningGameDay.id,
      'traffic on westus',
    );

    api.getRun.mockResolvedValue(endedGameDay);
    await advance(2000);
    const report = await screen.findByRole('region', { name: 'Report' });
    expect(
      within(report).getByText('Failed steps: slo-holds'),
    ).toBeInTheDocument();
    expect(
      within(report).getByRole('row', { name: /^failover failover passed/ }),
    ).toHaveTextContent('failover run completed · RTO 43 s / target 300 s');
    expect(
      within(report).getByRole('link', { name: 'Download Markdown' }),
    ).toHaveAttribute('href', expect.stringContaining('data:text/markdown'));
    expect(
      screen.queryByRole('button', { name: 'Abort GameDay' }),
    ).not.toBeInTheDocument();
  });
});
