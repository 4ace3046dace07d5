/**
 * Why a Prometheus query failed. Prometheus' own `errorType`s
 * (`bad_data`, `execution`, `timeout`, `canceled`, `internal`, `not_found`,
 * `unavailable`), plus what the client itself observes: `timeout` (no answer
 * within timeoutMs), `unavailable` (no connection, or a 5xx from something
 * in front of Prometheus) and `bad_response` (an answer that is not the API's
 * envelope).
 */
export type PrometheusErrorType =
  | 'bad_data'
  | 'execution'
  | 'timeout'
  | 'canceled'
  | 'internal'
  | 'not_found'
  | 'unavailable'
  | 'bad_response'
  | (string & {});

export class PrometheusQueryError extends Error {
  readonly name = 'PrometheusQueryError';

  constructor(
    readonly errorType: PrometheusErrorType,
    message: string,
    /** HTTP status of the answer, absent when none arrived. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * Worth another attempt: Prometheus or its proxy is overloaded or briefly
   * gone. A bad query (bad_data 400, execution 422) fails the same way again.
   */
  get retryable(): boolean {
    if (this.status !== undefined) {
      return this.status >= 500 || this.status === 429;
    }
    return this.errorType === 'timeout' || this.errorType === 'unavailable';
  }
}
