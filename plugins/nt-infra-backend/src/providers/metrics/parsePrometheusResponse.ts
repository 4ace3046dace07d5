import { InstantSample, RangeSeries } from './MetricsProvider';
import { PrometheusQueryError } from './PrometheusQueryError';

type PromSample = [number, string];

export interface SuccessEnvelope {
  status: 'success';
  data: { resultType: string; result: unknown };
  warnings?: string[];
}

/**
 * Reads the HTTP API's envelope from a response body: the data of a
 * `success`, or a PrometheusQueryError carrying Prometheus' `errorType` and
 * message. Anything that is not the envelope (an HTML error page of a proxy,
 * a truncated body) becomes `bad_response`, or `unavailable` when the status
 * says the server is in trouble, so that it is retried.
 */
export function parseEnvelope(
  status: number,
  text: string,
  endpoint: string,
): SuccessEnvelope['data'] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.trim().slice(0, 200) || '(empty body)';
    throw new PrometheusQueryError(
      status >= 500 ? 'unavailable' : 'bad_response',
      `Prometheus ${endpoint} answered HTTP ${status} with a body that is not JSON: ${snippet}`,
      status,
    );
  }
  const envelope = body as {
    status?: string;
    data?: Partial<SuccessEnvelope['data']>;
    errorType?: string;
    error?: string;
  };
  if (envelope?.status === 'error') {
    throw new PrometheusQueryError(
      envelope.errorType ?? 'unknown',
      `Prometheus ${endpoint} failed (${envelope.errorType ?? 'unknown'}): ${
        envelope.error ?? 'no message'
      }`,
      status,
    );
  }
  if (
    envelope?.status !== 'success' ||
    typeof envelope.data?.resultType !== 'string' ||
    status >= 300
  ) {
    throw new PrometheusQueryError(
      status >= 500 ? 'unavailable' : 'bad_response',
      `Prometheus ${endpoint} answered HTTP ${status} without a valid result envelope`,
      status,
    );
  }
  return envelope.data as SuccessEnvelope['data'];
}

/** Sample values are strings so that NaN and ±Inf survive JSON. */
export function parseSampleValue(value: string): number {
  switch (value) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return Number(value);
  }
}

/** Prometheus timestamps are Unix seconds with a fraction. */
function toMillis(seconds: number): number {
  return Math.round(seconds * 1000);
}

function toPoint([t, v]: PromSample) {
  return { timestamp: toMillis(t), value: parseSampleValue(v) };
}

export function toInstantSamples(
  data: SuccessEnvelope['data'],
): InstantSample[] {
  switch (data.resultType) {
    case 'vector':
      return (
        resultList(data) as {
          metric: Record<string, string>;
          value: PromSample;
        }[]
      ).map(s => ({ labels: s.metric ?? {}, ...toPoint(s.value) }));
    case 'scalar':
      return [{ labels: {}, ...toPoint(data.result as PromSample) }];
    default:
      // A range selector (`x[5m]`) or a string: not something a gauge or
      // stop condition can use.
      throw new PrometheusQueryError(
        'bad_response',
        `An instant query returned a ${data.resultType}; expected a vector or scalar`,
      );
  }
}

export function toRangeSeries(data: SuccessEnvelope['data']): RangeSeries[] {
  if (data.resultType !== 'matrix') {
    throw new PrometheusQueryError(
      'bad_response',
      `A range query returned a ${data.resultType}; expected a matrix`,
    );
  }
  return (
    resultList(data) as {
      metric: Record<string, string>;
      values: PromSample[];
    }[]
  ).map(s => ({
    labels: s.metric ?? {},
    points: (s.values ?? []).map(toPoint),
  }));
}

function resultList(data: SuccessEnvelope['data']): unknown[] {
  if (!Array.isArray(data.result)) {
    throw new PrometheusQueryError(
      'bad_response',
      `A ${data.resultType} result is not a list`,
    );
  }
  return data.result;
}
