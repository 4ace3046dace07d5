import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * What a failed Kubernetes API call tells us. client-node throws
 * `ApiException` (numeric `code`, raw `body`) for HTTP answers, node-fetch's
 * `FetchError` for connection failures and `AbortError` for our timeout.
 */
export interface KubernetesFailure {
  /** HTTP status, absent when no answer arrived. */
  status?: number;
  /** The meta/v1 Status message, or what else explains the failure. */
  message: string;
  /** Worth another attempt: 5xx, 429, no answer at all. */
  transient: boolean;
}

export function describeFailure(error: unknown): KubernetesFailure {
  const e = error as {
    name?: string;
    code?: unknown;
    body?: unknown;
    type?: string;
    message?: string;
  };
  if (typeof e?.code === 'number') {
    const status = e.code;
    return {
      status,
      message: statusMessage(e.body) ?? `HTTP ${status}`,
      transient: status >= 500 || status === 429,
    };
  }
  if (e?.name === 'AbortError') {
    return { message: 'request timed out', transient: true };
  }
  if (e?.name === 'FetchError') {
    // ECONNREFUSED, ECONNRESET, TLS and DNS failures: the API server or the
    // network in front of it is (perhaps briefly) unavailable.
    return { message: e.message ?? 'connection failed', transient: true };
  }
  return { message: String(e?.message ?? error), transient: false };
}

/** The `message` of a meta/v1 Status body, which client-node passes on as a string or object. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      // A proxy or load balancer in front of the API server answered, not Kubernetes.
      const text = body.trim();
      return text ? text.slice(0, 300) : undefined;
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Turns a failure into the error the portal's callers and its HTTP API
 * understand: the user's request was wrong (4xx → InputError, so the UI shows
 * the API server's or Chaos Mesh's own words), it collides (409), it does not
 * exist (404), or the cluster is unavailable (503 after retries).
 */
export function toProviderError(
  cluster: string,
  failure: KubernetesFailure,
  attempts: number,
): Error {
  const { status, message } = failure;
  if (status === 404) {
    return new NotFoundError(`Cluster '${cluster}': ${message}`);
  }
  if (status === 409) {
    return new ConflictError(`Cluster '${cluster}': ${message}`);
  }
  if (status === 401 || status === 403) {
    // The portal's own credentials, not the user's input: an operator must fix them.
    return new Error(
      `Kubernetes API of cluster '${cluster}' rejected the portal's credentials (${status}): ${message}`,
    );
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new InputError(
      `Cluster '${cluster}' rejected the request: ${message}`,
    );
  }
  if (failure.transient) {
    return new ServiceUnavailableError(
      `Kubernetes API of cluster '${cluster}' failed after ${attempts} attempt${
        attempts === 1 ? '' : 's'
      }: ${message}`,
    );
  }
  return new Error(`Kubernetes API of cluster '${cluster}' failed: ${message}`);
}
