import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { promVector } from '@internal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { monitorWith, PROMETHEUS } from './__testUtils__/monitorWith';

/**
 * A backend clock the test moves: each answer from Prometheus takes as long
 * on it as the test says, so a slow read is slow without waiting for it.
 */
function backendClock() {
  let ms = Date.parse('2026-12-01T12:00:00.000Z');
  return {
    now: () => new Date(ms),
    pass: (by: number) => {
      ms += by;
    },
  };
}

describe("FailoverMonitor: Prometheus' clock against the backend's", () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Answers the nth read (from 0) after `tookMs[n]` of backend time, stamped 1000 s × (n + 1). */
  function prometheusAnswering(
    clock: ReturnType<typeof backendClock>,
    tookMs: number[],
  ) {
    const reads = { count: 0 };
    server.use(
      http.post(`${PROMETHEUS}/api/v1/query`, () => {
        const n = reads.count++;
        clock.pass(tookMs[Math.min(n, tookMs.length - 1)]);
        return HttpResponse.json(
          promVector([
            {
              metric: { region: 'eastus', code: '200' },
              value: [1000 * (n + 1), 42],
            },
          ]),
        );
      }),
    );
    return reads;
  }

  it('keeps the tightest of a few reads when the first comes back slowly', async () => {
    const clock = backendClock();
    const reads = prometheusAnswering(clock, [3000, 400, 10]);
    const anchor = await monitorWith().readPrometheusClock(clock.now);
    expect(reads.count).toBe(3);
    expect(anchor).toEqual({
      prometheusMs: 3_000_000,
      // Halfway through the third read, which took 10 ms.
      backendAt: '2026-12-01T12:00:03.405Z',
      uncertaintyMs: 5,
    });
  });

  it('reads once when the first answer is quick', async () => {
    const clock = backendClock();
    const reads = prometheusAnswering(clock, [20]);
    const anchor = await monitorWith().readPrometheusClock(clock.now);
    expect(reads.count).toBe(1);
    expect(anchor).toMatchObject({
      prometheusMs: 1_000_000,
      uncertaintyMs: 10,
    });
  });

  it('keeps a slow read rather than none when Prometheus then fails', async () => {
    const clock = backendClock();
    let count = 0;
    server.use(
      http.post(`${PROMETHEUS}/api/v1/query`, () => {
        if (count++ > 0) return new HttpResponse('overloaded', { status: 503 });
        clock.pass(2000);
        return HttpResponse.json(
          promVector([{ metric: { region: 'westus' }, value: [7, 1] }]),
        );
      }),
    );
    const anchor = await monitorWith().readPrometheusClock(clock.now);
    expect(anchor).toEqual({
      prometheusMs: 7000,
      backendAt: '2026-12-01T12:00:01.000Z',
      uncertaintyMs: 1000,
    });
  });
});
