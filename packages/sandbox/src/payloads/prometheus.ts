/**
 * Wire JSON of the Prometheus HTTP API (/api/v1/query, /api/v1/query_range), as pure
 * functions shared by the sandbox and backend msw handlers.
 */
export type PromLabels = Record<string, string>;
export type PromSample = [number, string];

/** Prometheus renders sample values as strings: "0.5", "NaN", "+Inf", "-Inf". */
export function promValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Timestamps are Unix seconds with millisecond precision. */
export function promTime(ms: number): number {
  return Math.round(ms) / 1000;
}

export function promVector(
  series: { metric: PromLabels; value: [number, number] }[],
) {
  return {
    status: 'success' as const,
    data: {
      resultType: 'vector' as const,
      result: series.map(s => ({
        metric: s.metric,
        value: [s.value[0], promValue(s.value[1])] as PromSample,
      })),
    },
  };
}

export function promMatrix(
  series: { metric: PromLabels; values: [number, number][] }[],
) {
  return {
    status: 'success' as const,
    data: {
      resultType: 'matrix' as const,
      result: series.map(s => ({
        metric: s.metric,
        values: s.values.map(([t, v]) => [t, promValue(v)] as PromSample),
      })),
    },
  };
}

export type PromErrorType =
  | 'bad_data'
  | 'execution'
  | 'timeout'
  | 'canceled'
  | 'internal'
  | 'not_found'
  | 'unavailable';

/** The error envelope; HTTP 400 for bad_data, 422 for execution, 503 for timeout/unavailable. */
export function promError(errorType: PromErrorType, error: string) {
  return { status: 'error' as const, errorType, error };
}

export function promErrorStatus(errorType: PromErrorType): number {
  return {
    bad_data: 400,
    execution: 422,
    timeout: 503,
    canceled: 503,
    internal: 500,
    not_found: 404,
    unavailable: 503,
  }[errorType];
}
