import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { promMatrix, promVector } from '@internal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { monitorWith, PROMETHEUS } from '../failover/__testUtils__/monitorWith';
import { RunTick } from '../runs/RunHandler';
import { FailoverRunOutcome } from './failoverRunTypes';
import { UsersTrafficReads } from './usersTrafficReads';

describe('UsersTrafficReads', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Prometheus answering the clock and the counters, or 503 while `down`. */
  function prometheus() {
    const state = { down: false };
    server.use(
      http.post(`${PROMETHEUS}/api/v1/query`, async ({ request }) => {
        if (state.down) return new HttpResponse('overloaded', { status: 503 });
        const query = new URLSearchParams(await request.text()).get('query');
        if (query?.endsWith('s]')) return HttpResponse.json(promMatrix([]));
        return HttpResponse.json(
          promVector([
            {
              metric: { region: 'eastus', code: '200' },
              value: [Date.now() / 1000, 1],
            },
          ]),
        );
      }),
    );
    return state;
  }

  /** One tick of a run cut a second ago, keeping what it saves. */
  function tickOf(outcome: FailoverRunOutcome) {
    const tick = {
      run: { id: 'run-1' },
      saveOutcome: async (patch: Partial<FailoverRunOutcome>) => {
        Object.assign(outcome, patch);
      },
    };
    return tick as unknown as RunTick;
  }

  it('tells the operator once when the counters become unreadable, keeps the last curve, and says when they are read again', async () => {
    const logger = mockServices.logger.mock();
    const reads = new UsersTrafficReads(() => new Date(), logger, 0);
    const monitor = monitorWith();
    const state = prometheus();
    let outcome: FailoverRunOutcome = {
      cut: {
        at: new Date(Date.now() - 1000).toISOString(),
        method: 'disable-endpoint',
      },
    };
    const t = tickOf(outcome);

    outcome = await reads.read(t, monitor, outcome);
    expect(outcome.traffic?.ok).toBe(true);
    const good = outcome.traffic;

    state.down = true;
    outcome = await reads.read(t, monitor, outcome);
    outcome = await reads.read(t, monitor, outcome);
    expect(outcome.traffic).toBe(good);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "run-1: the users' request counters could not be read (Prometheus' clock unreadable)",
      ),
    );

    state.down = false;
    outcome = await reads.read(t, monitor, outcome);
    expect(outcome.traffic?.ok).toBe(true);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        "run-1: the users' request counters are read again",
      ),
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
