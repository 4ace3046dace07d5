import { execFile } from 'node:child_process';
import path from 'node:path';

export interface LoadRun {
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  /** Over answered requests; when none was answered, the window's length (a lower bound). */
  p99Ms: number;
  /** True when over 1 % of viewers got no answer within the window: p99 is then only a lower bound. */
  censored: boolean;
  /** Responses per second, second by second: median, min and max over the run. */
  perSecond: { median: number; min: number; max: number; n: number };
  /** Requests answered with a 2xx. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const AUTOCANNON = path.join(
  path.dirname(require.resolve('autocannon/package.json')),
  'autocannon.js',
);

/**
 * autocannon in its own process, so the load generator's event loop shares
 * nothing with the sandbox or the backend; its JSON report is parsed here.
 */
export function autocannon(options: {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  timeoutSeconds?: number;
}): Promise<LoadRun> {
  const args = [
    AUTOCANNON,
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.durationSeconds),
    '-t',
    String(options.timeoutSeconds ?? 30),
    ...Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`autocannon failed: ${error.message} ${stderr}`));
          return;
        }
        try {
          const r = JSON.parse(stdout);
          const ok = r['2xx'] ?? 0;
          // Viewers never answered within the window waited all of it; when
          // they are over 1 % of the requests, p99 is at least the window
          // (autocannon's p99 covers answered requests only).
          const waitedAll = Math.max(0, options.connections - ok);
          const censored = ok === 0 || waitedAll / (ok + waitedAll) > 0.01;
          resolve({
            connections: options.connections,
            durationSeconds: r.duration,
            // Only answered requests count as throughput: errors are not served viewers.
            requestsPerSecond: ok / r.duration,
            p50Ms: ok ? r.latency.p50 : r.duration * 1000,
            p99Ms: censored ? r.duration * 1000 : r.latency.p99,
            censored,
            perSecond: {
              median: r.requests.p50,
              min: r.requests.min,
              max: r.requests.max,
              n: Math.round(r.duration),
            },
            ok,
            non2xx: r.non2xx ?? 0,
            errors: r.errors ?? 0,
            timeouts: r.timeouts ?? 0,
          });
        } catch (e) {
          reject(
            new Error(`autocannon printed no JSON: ${stdout.slice(0, 500)}`),
          );
        }
      },
    );
  });
}
