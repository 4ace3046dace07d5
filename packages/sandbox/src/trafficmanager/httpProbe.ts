import http from 'node:http';
import net from 'node:net';
import { LOOPBACK } from '../http/serverUtils';
import { startProbeTimer } from './probeTimer';
import type { TmMonitorConfig } from './types';

export type ProbeResult = { ok: boolean; detail: string };

/**
 * One health probe as a Traffic Manager probe agent sends it: HTTP(S) GET of the monitor path
 * expecting 200 (or the configured ranges) within the timeout, or a TCP connect. The sandbox's
 * apps speak plain HTTP on loopback, so HTTPS monitors are probed over HTTP at the app's port.
 */
export function httpProbe(
  port: number,
  monitor: TmMonitorConfig,
  timeoutRealMs: number,
): Promise<ProbeResult> {
  if (monitor.protocol === 'TCP') return tcpProbe(port, timeoutRealMs);
  return new Promise(resolve => {
    let settled = false;
    // Declared before `done` uses it; the timeout is armed once the request exists.
    const timeout: { cancel?: () => void } = {};
    const done = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      timeout.cancel?.();
      resolve(result);
    };
    const headers: Record<string, string> = {
      'user-agent': 'Azure Traffic Manager Endpoint Monitor',
    };
    for (const h of monitor.customHeaders ?? []) headers[h.name] = h.value;
    const req = http.get(
      {
        host: LOOPBACK,
        port,
        path: monitor.path ?? '/',
        headers,
        agent: false,
      },
      res => {
        res.resume();
        const code = res.statusCode ?? 0;
        const ranges = monitor.expectedStatusCodeRanges?.length
          ? monitor.expectedStatusCodeRanges
          : [{ min: 200, max: 200 }];
        const ok = ranges.some(r => code >= r.min && code <= r.max);
        done({ ok, detail: `HTTP ${code}` });
      },
    );
    timeout.cancel = startProbeTimer(timeoutRealMs, () => {
      done({ ok: false, detail: 'timeout' });
      req.destroy();
    });
    req.on('error', e => done({ ok: false, detail: e.message }));
  });
}

function tcpProbe(port: number, timeoutRealMs: number): Promise<ProbeResult> {
  return new Promise(resolve => {
    const socket = net.connect({ host: LOOPBACK, port });
    const cancel = startProbeTimer(timeoutRealMs, () => {
      socket.destroy();
      resolve({ ok: false, detail: 'timeout' });
    });
    socket.once('connect', () => {
      cancel();
      socket.destroy();
      resolve({ ok: true, detail: 'TCP connected' });
    });
    socket.once('error', e => {
      cancel();
      resolve({ ok: false, detail: e.message });
    });
  });
}
