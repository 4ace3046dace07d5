import http from 'node:http';
import { AddressInfo } from 'node:net';
import { LOOPBACK } from '../http/serverUtils';
import { httpProbe } from './httpProbe';
import type { TmMonitorConfig } from './types';

const monitor: TmMonitorConfig = {
  protocol: 'HTTP',
  port: 80,
  path: '/healthz',
  intervalInSeconds: 10,
  timeoutInSeconds: 5,
  toleratedNumberOfFailures: 1,
};

/** Holds the event loop the way a starved process does: nothing else runs meanwhile. */
function stall(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: timers, sockets and the app all wait
  }
}

describe('httpProbe', () => {
  const servers: http.Server[] = [];
  const listen = async (handler: http.RequestListener) => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>(r => server.listen(0, LOOPBACK, r));
    return (server.address() as AddressInfo).port;
  };
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        s =>
          new Promise(r => {
            s.closeAllConnections();
            s.close(r);
          }),
      ),
    );
  });

  it('answers up for a healthy app even when the process stalls past the timeout', async () => {
    const port = await listen((_req, res) => res.end('ok\n'));
    const probe = httpProbe(port, monitor, 100);
    // Longer than the whole timeout: a single timer would fire before the answer is read.
    stall(600);
    await expect(probe).resolves.toEqual({ ok: true, detail: 'HTTP 200' });
  });

  it('still times out an app that never answers', async () => {
    const port = await listen(() => {
      // accepts and never answers, like a hung pod
    });
    await expect(httpProbe(port, monitor, 100)).resolves.toEqual({
      ok: false,
      detail: 'timeout',
    });
  });

  it('reports an unhealthy app by its status', async () => {
    const port = await listen((_req, res) => {
      res.statusCode = 503;
      res.end('unhealthy\n');
    });
    await expect(httpProbe(port, monitor, 1000)).resolves.toEqual({
      ok: false,
      detail: 'HTTP 503',
    });
  });
});
