import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InstantSample, MetricsProvider, RangeSeries } from './MetricsProvider';
import {
  parseEnvelope,
  toInstantSamples,
  toRangeSeries,
} from './parsePrometheusResponse';
import { PrometheusQueryError } from './PrometheusQueryError';
import { retryTransient } from '../retryTransient';

export interface PrometheusOptions {
  baseUrl: string;
  /** Deadline of one HTTP attempt. */
  timeoutMs: number;
  /** Further attempts after the first, for 5xx, 429, timeouts and lost connections. */
  maxRetries: number;
  headers: Record<string, string>;
  /** Delay before the first retry, doubled for each further one. */
  retryDelayMs: number;
}

const DEFAULTS = { timeoutMs: 5000, maxRetries: 2, retryDelayMs: 200 };

/** Seconds with millisecond precision, as the API's `time`/`start`/`end` take them. */
function toPromTime(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}

/**
 * The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). Queries
 * are POSTed as a form, which Prometheus accepts like GET and which keeps
 * long PromQL out of URLs and access logs.
 */
export class PrometheusMetricsProvider implements MetricsProvider {
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; retryDelayMs?: number },
  ): PrometheusMetricsProvider {
    const c = config.getConfig('ntInfra.prometheus');
    const headers = c.getOptionalConfig('headers');
    return new PrometheusMetricsProvider(
      {
        // `${baseUrl}/api/v1/...` must not produce a double slash.
        baseUrl: c.getString('baseUrl').replace(/\/+$/, ''),
        timeoutMs: c.getOptionalNumber('timeoutMs') ?? DEFAULTS.timeoutMs,
        maxRetries: c.getOptionalNumber('maxRetries') ?? DEFAULTS.maxRetries,
        headers: Object.fromEntries(
          (headers?.keys() ?? []).map(k => [k, headers!.getString(k)]),
        ),
        retryDelayMs: options.retryDelayMs ?? DEFAULTS.retryDelayMs,
      },
      options.logger.child({ provider: 'metrics' }),
    );
  }

  private constructor(
    private readonly options: PrometheusOptions,
    private readonly logger: LoggerService,
  ) {}

  async query(promql: string, time?: Date): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query: promql });
    // Without `time` Prometheus evaluates at its own "now", which is what
    // a live view wants even when clocks disagree.
    if (time) params.set('time', toPromTime(time));
    return toInstantSamples(await this.post('/api/v1/query', params));
  }

  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query: promql,
      start: toPromTime(start),
      end: toPromTime(end),
      step: String(stepSeconds),
    });
    return toRangeSeries(await this.post('/api/v1/query_range', params));
  }

  async querySamples(
    selector: string,
    rangeSeconds: number,
    time: Date,
  ): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query: `${selector}[${Math.max(1, Math.ceil(rangeSeconds))}s]`,
      time: toPromTime(time),
    });
    return toRangeSeries(await this.post('/api/v1/query', params));
  }

  private async post(path: string, params: URLSearchParams) {
    const { maxRetries, retryDelayMs } = this.options;
    return retryTransient(
      () => this.attempt(path, params),
      thrown => {
        const error =
          thrown instanceof PrometheusQueryError
            ? thrown
            : new PrometheusQueryError('internal', String(thrown));
        return { error, transient: error.retryable };
      },
      { maxRetries, baseDelayMs: retryDelayMs, logger: this.logger },
    );
  }

  private async attempt(path: string, params: URLSearchParams) {
    const { baseUrl, timeoutMs, headers } = this.options;
    const endpoint = `${baseUrl}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: params,
        // Covers the body too: a server that stalls mid-answer times out as well.
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new PrometheusQueryError(
        timedOut ? 'timeout' : 'unavailable',
        timedOut
          ? `Prometheus ${endpoint} did not answer within ${timeoutMs} ms`
          : `Prometheus ${endpoint} is unreachable: ${describeCause(error)}`,
        undefined,
        { cause: error },
      );
    }
    return parseEnvelope(response.status, text, endpoint);
  }
}

/** undici hides the socket error (ECONNREFUSED …) in `cause`. */
function describeCause(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e?.cause?.message ?? e?.message ?? String(error);
}
