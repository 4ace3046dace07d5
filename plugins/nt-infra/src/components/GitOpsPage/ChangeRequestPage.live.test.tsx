import { signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { ChangeRequest } from '@internal/plugin-nt-infra-common';
import { screen } from '@testing-library/react';
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
import { ChangeRequestPage } from './ChangeRequestPage';
import { SIGNALS_SAFETY_REFRESH_MS } from '../../hooks/useLive';

describe('ChangeRequestPage with signals', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it("shows another person's approval when its signal arrives, and never polls for it", async () => {
    let current: ChangeRequest = openChange;
    let reads = 0;
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/gitops/changes/:id`, () => {
        reads += 1;
        return HttpResponse.json(current);
      }),
    );
    const bus = signalBus();
    await renderSettled(<ChangeRequestPage id={openChange.id} />, {
      apis: [
        [ntInfraApiRef, mswNtInfraClient()],
        [signalApiRef, bus.api],
      ],
    });
    expect(screen.getAllByText('open').length).toBeGreaterThan(0);

    const at = new Date(FIXTURE_NOW).toISOString();
    current = {
      ...openChange,
      state: 'approved',
      approvedBy: 'user:default/bob',
      updatedAt: at,
      transitions: [
        ...openChange.transitions,
        {
          from: 'open',
          to: 'approved',
          actor: 'user:default/bob',
          reason: 'lgtm',
          at,
        },
      ],
    };
    // Short of the minute's safety refresh, which signals still keep.
    await advance(SIGNALS_SAFETY_REFRESH_MS - 5_000);
    expect(reads).toBe(1);
    expect(screen.queryAllByText('approved')).toEqual([]);

    await bus.deliver('nt-infra:gitops', {
      type: 'change-request',
      id: openChange.id,
      state: 'approved',
      at,
    });
    expect(reads).toBe(2);
    expect(screen.getAllByText('approved').length).toBeGreaterThan(0);
  });
});
