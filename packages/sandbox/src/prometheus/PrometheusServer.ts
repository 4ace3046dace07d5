import http from 'node:http';
import type { WorldClock } from '../clock';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  parseUrl,
  readBody,
  sendJson,
  sendText,
} from '../http/serverUtils';
import {
  promError,
  promErrorStatus,
  PromErrorType,
  promMatrix,
  promTime,
  promVector,
} from '../payloads/prometheus';
import { exposition } from './exposition';
import type { MetricsModel } from './MetricsModel';
import {
  evaluateRangeSelector,
  evaluateSelector,
  metricNames,
} from './queryEngine';
import { parseSelector, PromQLError, splitRange } from './selector';

class PromApiError extends Error {
  constructor(readonly type: PromErrorType, message: string) {
    super(message);
  }
}

const MAX_POINTS = 11000;

/**
 * The Prometheus HTTP API subset the portal uses: /api/v1/query and /api/v1/query_range
 * (GET or POST form), vector selectors over the raw and recorded series, the JSON envelope
 * and error format of Prometheus; plus /metrics in the text format. Times are world time.
 */
export class PrometheusServer {
  private readonly server: http.Server;

  constructor(
    private readonly metrics: MetricsModel,
    private readonly clock: WorldClock,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(e => {
        if (e instanceof PromApiError)
          sendJson(res, promErrorStatus(e.type), promError(e.type, e.message));
        else if (e instanceof BodyTooLargeError)
          sendJson(res, 400, promError('bad_data', e.message));
        else
          sendJson(
            res,
            500,
            promError('internal', String((e as Error)?.message ?? e)),
          );
      });
    });
  }

  start(port: number): Promise<number> {
    return listen(this.server, port);
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private async params(
    req: http.IncomingMessage,
    url: URL,
  ): Promise<URLSearchParams> {
    const params = new URLSearchParams(url.searchParams);
    if (req.method === 'POST') {
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded')) {
        throw new PromApiError(
          'bad_data',
          `unsupported content type '${type}': POST parameters must be application/x-www-form-urlencoded`,
        );
      }
      new URLSearchParams(await readBody(req)).forEach((v, k) =>
        params.set(k, v),
      );
    }
    return params;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = parseUrl(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/metrics' && method === 'GET') {
      sendText(
        res,
        200,
        exposition(this.metrics.store),
        'text/plain; version=0.0.4; charset=utf-8',
      );
      return;
    }
    if (url.pathname === '/-/healthy' || url.pathname === '/-/ready') {
      sendText(res, 200, 'Prometheus Server is Ready.\n');
      return;
    }
    if (url.pathname === '/api/v1/status/buildinfo') {
      sendJson(res, 200, {
        status: 'success',
        data: {
          version: '2.55.0',
          revision: 'sandbox',
          branch: 'sandbox',
          goVersion: 'go1.23',
        },
      });
      return;
    }
    if (url.pathname === '/api/v1/label/__name__/values') {
      sendJson(res, 200, {
        status: 'success',
        data: metricNames(this.metrics.store),
      });
      return;
    }
    if (
      url.pathname !== '/api/v1/query' &&
      url.pathname !== '/api/v1/query_range'
    ) {
      sendJson(
        res,
        404,
        promError(
          'not_found',
          `no such endpoint ${url.pathname}; the sandbox serves /api/v1/query and /api/v1/query_range`,
        ),
      );
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      sendJson(res, 405, promError('bad_data', `method ${method} not allowed`));
      return;
    }
    const params = await this.params(req, url);
    const query = params.get('query');
    if (!query)
      throw new PromApiError(
        'bad_data',
        'invalid parameter "query": query must not be empty',
      );
    let matchers;
    let range: ReturnType<typeof splitRange>;
    try {
      range = url.pathname === '/api/v1/query' ? splitRange(query) : undefined;
      matchers = parseSelector(range?.selector ?? query);
    } catch (e) {
      if (e instanceof PromQLError)
        throw new PromApiError(
          'bad_data',
          `invalid parameter "query": ${e.message}`,
        );
      throw e;
    }
    const start = this.clock.startTime;
    if (url.pathname === '/api/v1/query') {
      const t = params.has('time')
        ? parseTime(params.get('time')!, 'time')
        : this.clock.now();
      if (range) {
        sendJson(
          res,
          200,
          promMatrix(
            evaluateRangeSelector(
              this.metrics.store,
              matchers,
              t,
              range.rangeMs,
            ),
          ),
        );
        return;
      }
      const samples = evaluateSelector(this.metrics.store, matchers, t, start);
      sendJson(
        res,
        200,
        promVector(
          samples.map(s => ({
            metric: s.metric,
            value: [promTime(t), s.value],
          })),
        ),
      );
      return;
    }
    const from = parseTime(required(params, 'start'), 'start');
    const to = parseTime(required(params, 'end'), 'end');
    const step = parseStep(required(params, 'step'));
    if (to < from)
      throw new PromApiError(
        'bad_data',
        'invalid parameter "end": end timestamp must not be before start time',
      );
    if ((to - from) / step > MAX_POINTS) {
      throw new PromApiError(
        'bad_data',
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    }
    const series = new Map<
      string,
      { metric: Record<string, string>; values: [number, number][] }
    >();
    const now = this.clock.now();
    for (let t = from; t <= to && t <= now; t += step) {
      for (const s of evaluateSelector(
        this.metrics.store,
        matchers,
        t,
        start,
      )) {
        const key = JSON.stringify(s.metric);
        const entry = series.get(key) ?? { metric: s.metric, values: [] };
        entry.values.push([promTime(t), s.value]);
        series.set(key, entry);
      }
    }
    sendJson(res, 200, promMatrix([...series.values()]));
  }
}

function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (!v)
    throw new PromApiError('bad_data', `invalid parameter "${name}": missing`);
  return v;
}

/** Unix seconds (float) or RFC 3339, as Prometheus accepts; returns epoch ms. */
function parseTime(v: string, name: string): number {
  if (/^-?\d+(\.\d+)?$/.test(v)) return Math.round(parseFloat(v) * 1000);
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new PromApiError(
      'bad_data',
      `invalid parameter "${name}": cannot parse "${v}" to a valid timestamp`,
    );
  return ms;
}

/** Seconds (float) or a Prometheus duration (15s, 1m, 1h30m); returns ms. */
function parseStep(v: string): number {
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(v)) ms = parseFloat(v) * 1000;
  else {
    const units: Record<string, number> = {
      ms: 1,
      s: 1000,
      m: 60000,
      h: 3600000,
      d: 86400000,
      w: 604800000,
      y: 31536000000,
    };
    const parts = [...v.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
    if (parts.length && parts.map(p => p[0]).join('') === v)
      ms = parts.reduce((s, p) => s + Number(p[1]) * units[p[2]], 0);
  }
  if (!ms || ms <= 0) {
    throw new PromApiError(
      'bad_data',
      `invalid parameter "step": cannot parse "${v}" to a valid duration`,
    );
  }
  return ms;
}
