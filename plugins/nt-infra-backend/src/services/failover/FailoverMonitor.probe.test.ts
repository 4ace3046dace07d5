import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { monitorWith } from './__testUtils__/monitorWith';

/** A body that sends a first chunk and never ends, and whose cancel never settles. */
function endlessBody() {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('ok'));
    },
    cancel: () => new Promise<void>(() => {}),
  });
}

describe('FailoverMonitor: probes of the regions’ health URLs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('takes a sample from the status alone, whatever the body does', async () => {
    server.use(
      http.get('http://eastus.test/healthz', () =>
        HttpResponse.text('up', { status: 200 }),
      ),
      http.get(
        'http://westus.test/healthz',
        () => new HttpResponse(endlessBody(), { status: 200 }),
      ),
    );
    // A sample that waited on the body would hold the run's tick (and the
    // backend's shutdown) for good: a failed sample here is one never taken.
    const sample = await Promise.race([
      monitorWith().sample(new Date()),
      new Promise<'still waiting'>(resolve =>
        setTimeout(() => resolve('still waiting'), 10_000),
      ),
    ]);
    expect(sample).not.toBe('still waiting');
    expect(sample).toMatchObject({
      probes: {
        primary: { ok: true, status: 200 },
        secondary: { ok: true, status: 200 },
      },
    });
  }, 20_000);

  it('tells a failing health URL from one that does not answer', async () => {
    server.use(
      http.get('http://eastus.test/healthz', () =>
        HttpResponse.text('down', { status: 503 }),
      ),
      http.get('http://westus.test/healthz', () => HttpResponse.error()),
    );
    const { probes } = await monitorWith().sample(new Date());
    expect(probes.primary).toMatchObject({ ok: false, status: 503 });
    expect(probes.secondary.ok).toBe(false);
    expect(probes.secondary.status).toBeUndefined();
    expect(probes.secondary.error).toBeDefined();
  });
});
