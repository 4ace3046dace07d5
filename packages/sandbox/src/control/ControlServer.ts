import http from 'node:http';
import type { WorldClock } from '../clock';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  parseUrl,
  readBody,
  sendJson,
} from '../http/serverUtils';
import type { SyntheticClients } from '../clients';
import type { TrafficManager } from '../trafficmanager';
import type { EventLog, World } from '../world';
import type { FaultRegistry } from './FaultRegistry';
import { clockState, groundTruth } from './groundTruth';
import { upstreamRequests } from './upstreamRequests';

export type ControlDeps = {
  world: World;
  clock: WorldClock;
  tm: TrafficManager;
  log: EventLog;
  faults: FaultRegistry;
  /** The users; absent in worlds started without them. */
  clients?: SyntheticClients;
  endpoints: () => unknown;
  reset: () => void;
  /** Extra ground-truth sections (chaos experiments). */
  extraTruth?: () => Record<string, unknown>;
};

class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const ROUTES = [
  'GET  /                       this list',
  'GET  /health                 liveness',
  'GET  /endpoints              the same content as .sandbox/endpoints.json',
  'GET  /state                  ground truth: clock, regions, Traffic Manager, DNS switches, affected pods, chaos',
  'GET  /events?since=N&type=T  event log (world and wall time)',
  'GET  /clients?since=T        synthetic clients: per-client outage p50/p95/max since world time T (ISO or epoch ms)',
  'GET  /requests               requests served so far by ARM, each Kubernetes API, Prometheus and each app',
  'POST /reset                  back to the topology (faults, chaos and Traffic Manager state cleared)',
  'POST /regions/{region}/down  region outage: every node NotReady, the app answers 503',
  'POST /regions/{region}/up    end the outage',
  'GET  /clock                  world time and speed',
  'PUT  /clock {"speed": N}     world seconds per real second',
  'GET  /faults                 workload faults injected through this API',
  'POST /faults {...}           inject a workload fault (see README.md)',
  'DELETE /faults/{id}          remove it',
];

/** The sandbox's own control API: plain JSON over loopback HTTP, for tests, demos and GameDays. */
export class ControlServer {
  private readonly server: http.Server;

  constructor(private readonly deps: ControlDeps) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(e => {
        let status = 500;
        if (e instanceof ControlError) status = e.status;
        else if (e instanceof BodyTooLargeError) status = 413;
        sendJson(res, status, { error: (e as Error).message });
      });
    });
  }

  start(port: number): Promise<number> {
    return listen(this.server, port);
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private async body(
    req: http.IncomingMessage,
  ): Promise<Record<string, unknown>> {
    const text = await readBody(req);
    if (!text.trim()) return {};
    try {
      const v = JSON.parse(text);
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new Error('not an object');
      return v;
    } catch (e) {
      throw new ControlError(
        400,
        `body must be a JSON object: ${(e as Error).message}`,
      );
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const { world, clock, tm, log, faults } = this.deps;
    const url = parseUrl(req);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const key = `${method} ${path}`;
    const region = path.match(/^\/regions\/([^/]+)\/(down|up)$/);
    const faultId = path.match(/^\/faults\/([^/]+)$/);

    if (key === 'GET /') return sendJson(res, 200, { routes: ROUTES });
    if (key === 'GET /health') return sendJson(res, 200, { status: 'ok' });
    if (key === 'GET /endpoints')
      return sendJson(res, 200, this.deps.endpoints());
    if (key === 'GET /state') {
      return sendJson(
        res,
        200,
        groundTruth(world, clock, tm, {
          faults: faults.list(),
          ...this.deps.extraTruth?.(),
        }),
      );
    }
    if (key === 'GET /clients') {
      const since = url.searchParams.get('since');
      let sinceMs = -Infinity;
      if (since) {
        sinceMs = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
        if (Number.isNaN(sinceMs))
          throw new ControlError(
            400,
            `since: expected an ISO time or epoch milliseconds, got '${since}'`,
          );
      }
      return sendJson(res, 200, {
        clock: clockState(clock),
        profiles: this.deps.clients?.summary(sinceMs) ?? [],
      });
    }
    if (key === 'GET /requests')
      return sendJson(res, 200, upstreamRequests(this.deps.endpoints()));
    if (key === 'GET /events') {
      const since = Number(url.searchParams.get('since') ?? 0);
      return sendJson(res, 200, {
        events: log.list({
          since,
          type: url.searchParams.get('type') ?? undefined,
        }),
      });
    }
    if (key === 'POST /reset') {
      this.deps.reset();
      return sendJson(res, 200, { status: 'reset', clock: clockState(clock) });
    }
    if (region && method === 'POST') {
      const [, name, direction] = region;
      if (!world.regions.has(name))
        throw new ControlError(404, `unknown region '${name}'`);
      const changed = world.setRegionDown(name, direction === 'down');
      return sendJson(res, 200, {
        region: name,
        down: direction === 'down',
        changed,
        at: clockState(clock),
      });
    }
    if (key === 'GET /clock') return sendJson(res, 200, clockState(clock));
    if (key === 'PUT /clock' || key === 'POST /clock') {
      const body = await this.body(req);
      const speed = Number(body.speed);
      try {
        clock.setSpeed(speed);
      } catch (e) {
        throw new ControlError(400, (e as Error).message);
      }
      log.add('clock.speed', `clock speed set to ${speed}×`, { speed });
      return sendJson(res, 200, clockState(clock));
    }
    if (key === 'GET /faults')
      return sendJson(res, 200, { faults: faults.list() });
    if (key === 'POST /faults') {
      try {
        return sendJson(res, 201, faults.inject(await this.body(req)));
      } catch (e) {
        if (e instanceof ControlError) throw e;
        throw new ControlError(400, (e as Error).message);
      }
    }
    if (faultId && method === 'DELETE') {
      if (!faults.remove(faultId[1]))
        throw new ControlError(404, `no fault '${faultId[1]}'`);
      return sendJson(res, 200, { removed: faultId[1] });
    }
    throw new ControlError(
      404,
      `no route ${method} ${path}; GET / lists the routes`,
    );
  }
}
