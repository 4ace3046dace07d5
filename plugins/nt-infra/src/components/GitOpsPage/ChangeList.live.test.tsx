import { signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ChangeRequest,
  ChangeRequestSignal,
  ChangeRequestState,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { openChange } from '../../__fixtures__/gitops';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { signalBus } from '../../__testUtils__/signalBus';
import { CHANGES_PAGE_SIZE, CHANGES_POLL_MS } from '../../hooks/useChanges';
import { ChangeList } from './ChangeList';
import { SIGNALS_SAFETY_REFRESH_MS } from '../../hooks/useLive';

const change = (n: number, state: ChangeRequestState = 'merged') =>
  ({
    ...openChange,
    id: `55555555-5555-4555-8555-${String(n).padStart(12, '0')}`,
    title: `Change ${n}`,
    state,
    transitions: [],
  } satisfies ChangeRequest);

describe('ChangeList paged and kept live', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  /** The list route as the backend pages it: newest first, `limit` rows after the cursor. */
  function changesRoute(changes: { list: ChangeRequest[] }) {
    const reads: {
      limit: number;
      cursor: string | null;
      state: string | null;
    }[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/gitops/changes`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const limit = Number(params.get('limit'));
        const cursor = params.get('cursor');
        const state = params.get('state');
        reads.push({ limit, cursor, state });
        const matching = changes.list.filter(c => !state || c.state === state);
        const from = Number(cursor ?? 0);
        const next = from + limit;
        return HttpResponse.json({
          items: matching.slice(from, next),
          nextCursor: next < matching.length ? String(next) : undefined,
        });
      }),
    );
    return reads;
  }

  const rows = () =>
    within(screen.getByRole('table', { name: 'Change requests' }))
      .getAllByRole('row')
      .slice(1);
  const click = (name: string) =>
    userEvent.click(screen.getByRole('button', { name }), {
      advanceTimers: jest.advanceTimersByTime,
    });

  it('loads older change requests with the cursor, and on a gitops signal reads every row on screen again', async () => {
    const changes = {
      list: [
        change(0, 'open'),
        ...Array.from({ length: 29 }, (_, i) => change(i + 1)),
      ],
    };
    const reads = changesRoute(changes);
    const bus = signalBus();
    await renderSettled(<ChangeList />, {
      apis: [
        [ntInfraApiRef, mswNtInfraClient()],
        [signalApiRef, bus.api],
      ],
    });
    expect(await screen.findByText('Change 0')).toBeInTheDocument();
    expect(rows()).toHaveLength(CHANGES_PAGE_SIZE);
    expect(screen.queryByText('Change 29')).not.toBeInTheDocument();

    await click('Load more');
    expect(await screen.findByText('Change 29')).toBeInTheDocument();
    expect(rows()).toHaveLength(30);
    expect(reads[reads.length - 1]).toEqual({
      limit: CHANGES_PAGE_SIZE,
      cursor: String(CHANGES_PAGE_SIZE),
      state: null,
    });
    // The last page: nothing more to load.
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();

    changes.list = [
      change(30, 'open'),
      change(0, 'approved'),
      ...changes.list.slice(1),
    ];
    // With signals nothing polls: the rows stay as loaded.
    const count = reads.length;
    // Short of the minute's safety refresh, which signals still keep.
    await advance(SIGNALS_SAFETY_REFRESH_MS - 5_000);
    expect(reads).toHaveLength(count);

    const signal: ChangeRequestSignal = {
      type: 'change-request',
      id: change(30).id,
      state: 'open',
      at: new Date(FIXTURE_NOW).toISOString(),
    };
    await bus.deliver(ntInfraSignalChannels.gitops, signal);
    expect(await screen.findByText('Change 30')).toBeInTheDocument();
    // One read for every row on screen, from the top.
    expect(reads[reads.length - 1]).toEqual({
      limit: 30,
      cursor: null,
      state: null,
    });
    const [first, second] = rows();
    expect(within(first).getByText('Change 30')).toBeInTheDocument();
    expect(within(second).getByText('Change 0')).toBeInTheDocument();
    expect(within(second).getByText('approved')).toBeInTheDocument();
    // 31 now: the oldest is one "Load more" away again.
    expect(rows()).toHaveLength(30);
    await click('Load more');
    expect(await screen.findByText('Change 29')).toBeInTheDocument();
    expect(rows()).toHaveLength(31);
  });

  it('starts again from the first page when the state filter changes', async () => {
    const changes = {
      list: Array.from({ length: 30 }, (_, i) =>
        change(i, i % 2 ? 'merged' : 'closed'),
      ),
    };
    const reads = changesRoute(changes);
    await renderSettled(<ChangeList />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    expect(await screen.findByText('Change 0')).toBeInTheDocument();
    await click('Load more');
    expect(await screen.findByText('Change 29')).toBeInTheDocument();
    expect(rows()).toHaveLength(30);

    await userEvent.selectOptions(screen.getByLabelText('State'), 'merged', {
      advanceTimers: jest.advanceTimersByTime,
    });
    await waitFor(() =>
      expect(screen.queryByText('Change 0')).not.toBeInTheDocument(),
    );
    expect(rows()).toHaveLength(15);
    expect(within(rows()[0]).getByText('Change 1')).toBeInTheDocument();
    expect(reads[reads.length - 1]).toEqual({
      limit: CHANGES_PAGE_SIZE,
      cursor: null,
      state: 'merged',
    });
  });

  it('without the signals API, reads the rows again every 15 s', async () => {
    const changes = { list: [change(0, 'open')] };
    changesRoute(changes);
    await renderSettled(<ChangeList />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    expect(await screen.findByText('Change 0')).toBeInTheDocument();
    expect(within(rows()[0]).getByText('open')).toBeInTheDocument();
    changes.list = [change(0, 'merged')];
    await advance(CHANGES_POLL_MS);
    expect(within(rows()[0]).getByText('merged')).toBeInTheDocument();
  });
});
