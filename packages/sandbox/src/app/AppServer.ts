import http from 'node:http';
import type { SeededRandom, WorldClock } from '../clock';
import {
  closeServer,
  listen,
  parseUrl,
  sendJson,
  sendText,
} from '../http/serverUtils';
import type { World } from '../world';
import { routeRequest } from './routeRequest';

export type RequestRecorder = (record: {
  region: string;
  service: string;
  code: number;
  method: string;
  latencyMs: number;
  /** The `route` label: real requests other than health checks are users'. */
  route: string;
}) => void;

/**
 * A region's application on loopback, the thing Traffic Manager probes and users call.
 * Answers reflect the world: 503 without ready pods, latency of the pods the request
 * crossed (scaled to real time by the clock), hanging requests when packets are lost.
 *
 *   GET /healthz, /readyz   200 "ok" or 503 with the reason
 *   GET /, /api/*           a user request: JSON naming the region and pods that served it
 */
export class AppServer {
  private readonly server: http.Server;
  private boundPort = 0;

  constructor(
    private readonly world: World,
    private readonly clock: WorldClock,
    readonly region: string,
    private readonly random: SeededRandom,
    private readonly record?: RequestRecorder,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(port: number): Promise<number> {
    this.boundPort = await listen(this.server, port);
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = parseUrl(req);
    const isHealth = url.pathname === '/healthz' || url.pathname === '/readyz';
    const isRequest = url.pathname === '/' || url.pathname.startsWith('/api/');
    if (!isHealth && !isRequest) {
      sendText(res, 404, 'not found\n');
      return;
    }
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      !(isRequest && req.method === 'POST')
    ) {
      sendText(res, 405, 'method not allowed\n');
      return;
    }
    const outcome = routeRequest(this.world, this.region, this.random);
    const timer = setTimeout(() => {
      if (res.destroyed) return;
      if (!isHealth) {
        for (const service of new Set(outcome.pods.map(p => p.deployment))) {
          this.record?.({
            region: this.region,
            service,
            code: outcome.status,
            method: req.method ?? 'GET',
            latencyMs: outcome.latencyMs,
            route: '/',
          });
        }
      }
      if (isHealth) {
        sendText(
          res,
          outcome.status,
          outcome.status === 200 ? 'ok\n' : `unhealthy: ${outcome.reason}\n`,
        );
      } else {
        sendJson(res, outcome.status, {
          region: this.region,
          status: outcome.status,
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          latencyMs: Math.round(outcome.latencyMs),
          pods: outcome.pods.map(p => `${p.cluster}/${p.namespace}/${p.name}`),
          worldTime: new Date(this.clock.now()).toISOString(),
        });
      }
    }, this.clock.toRealMs(outcome.latencyMs));
    // A client giving up (probe timeout) must not leave the timer behind.
    res.on('close', () => clearTimeout(timer));
  }
}
