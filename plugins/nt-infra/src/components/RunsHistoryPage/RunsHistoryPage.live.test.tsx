import { signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Run } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { runningRun, runSummary } from '../../__fixtures__/chaos';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { signalBus } from '../../__testUtils__/signalBus';
import { historyRouteRef } from '../../routes';
import { RunsHistoryPage } from './RunsHistoryPage';
import { SIGNALS_SAFETY_REFRESH_MS } from '../../hooks/useLive';

const run = (n: number, state: Run['state'] = 'completed'): Run =>
  runSummary(runningRun, {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Run ${n}`,
    state,
  });

describe('RunsHistoryPage kept live', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  /** The runs route as the backend pages it: newest first, `limit` rows after the cursor. */
  function runsRoute(runs: { list: Run[] }) {
    const limits: number[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/runs`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const limit = Number(params.get('limit'));
        const from = Number(params.get('cursor') ?? 0);
        limits.push(limit);
        const items = runs.list.slice(from, from + limit);
        const next = from + limit;
        return HttpResponse.json({
          items,
          nextCursor: next < runs.list.length ? String(next) : undefined,
        });
      }),
    );
    return limits;
  }

  const rows = () =>
    within(screen.getByRole('table', { name: 'Runs' }))
      .getAllByRole('row')
      .slice(1);

  it('on a runs signal, shows the new run on top and the new state in place, keeping the pages loaded', async () => {
    const runs = {
      list: [
        run(0, 'running'),
        ...Array.from({ length: 29 }, (_, i) => run(i + 1)),
      ],
    };
    const limits = runsRoute(runs);
    const bus = signalBus();
    await renderSettled(<RunsHistoryPage />, {
      apis: [
        [ntInfraApiRef, mswNtInfraClient()],
        [signalApiRef, bus.api],
      ],
      mountedRoutes: { '/nt-infra/history': historyRouteRef },
    });
    expect(await screen.findByText('Run 0')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }), {
      advanceTimers: jest.advanceTimersByTime,
    });
    expect(await screen.findByText('Run 29')).toBeInTheDocument();
    expect(rows()).toHaveLength(30);

    runs.list = [
      run(30, 'running'),
      run(0, 'rolled-back'),
      ...runs.list.slice(1),
    ];
    // With signals nothing polls: the rows stay as loaded.
    const reads = limits.length;
    // Short of the minute's safety refresh, which signals still keep.
    await advance(SIGNALS_SAFETY_REFRESH_MS - 5_000);
    expect(limits).toHaveLength(reads);

    await bus.deliver('nt-infra:runs', { id: run(30).id, state: 'running' });
    expect(await screen.findByText('Run 30')).toBeInTheDocument();
    // One read for every row on screen.
    expect(limits[limits.length - 1]).toBe(30);
    const [first, second] = rows();
    expect(within(first).getByText('running')).toBeInTheDocument();
    expect(within(second).getByText('Run 0')).toBeInTheDocument();
    expect(within(second).getByText('rolled-back')).toBeInTheDocument();
    // 31 runs now: the oldest is one "Load more" away again.
    expect(rows()).toHaveLength(30);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled();
  });

  it('without the signals API, reads the rows again every 10 s', async () => {
    const runs = { list: [run(0, 'running')] };
    runsRoute(runs);
    await renderSettled(<RunsHistoryPage />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
      mountedRoutes: { '/nt-infra/history': historyRouteRef },
    });
    expect(await screen.findByText('Run 0')).toBeInTheDocument();
    expect(within(rows()[0]).getByText('running')).toBeInTheDocument();
    runs.list = [run(0, 'completed')];
    await advance(10_000);
    expect(within(rows()[0]).getByText('completed')).toBeInTheDocument();
  });
});
