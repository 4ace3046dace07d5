import { LoggerService } from '@backstage/backend-plugin-api';
import { retryTransient } from '../../providers/retryTransient';

/** The fields of an Argo CD `v1alpha1.Application` the portal reads. */
export interface ArgoApp {
  name: string;
  labels: Record<string, string>;
  path?: string;
  automated: boolean;
  syncStatus: string;
  /** The revision the live state was compared with (the branch head at the last refresh). */
  syncRevision?: string;
  healthStatus: string;
  healthMessage?: string;
  operation?: {
    phase: string;
    message?: string;
    revision?: string;
    startedAt?: string;
    finishedAt?: string;
  };
  /** The last successful sync. */
  lastDeployed?: { revision: string; deployedAt?: string };
  /** ComparisonError and similar conditions, as `type: message`. */
  conditions: string[];
}

export interface ArgoCdOptions {
  baseUrl: string;
  token: string;
  /** Only applications matching this label selector (`selector=` of the API). */
  appLabelSelector?: string;
  /** Deadline of one HTTP attempt. */
  timeoutMs: number;
  /** Further attempts after the first, for 5xx, 429, timeouts and lost connections. */
  maxRetries: number;
  /** Delay before the first retry, doubled for each further one. */
  retryDelayMs: number;
}

/** Why reading Argo CD failed, in words a person can act on. */
export class ArgoCdError extends Error {
  readonly name = 'ArgoCdError';
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

type RawApp = {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: {
    source?: { path?: string };
    syncPolicy?: { automated?: unknown };
  };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      operation?: { sync?: { revision?: string } };
      syncResult?: { revision?: string };
    };
    history?: Array<{ revision?: string; deployedAt?: string }>;
    conditions?: Array<{ type?: string; message?: string }>;
  };
};

function toApp(raw: RawApp): ArgoApp | undefined {
  const name = raw.metadata?.name;
  if (!name) return undefined;
  const op = raw.status?.operationState;
  const last = raw.status?.history?.at(-1);
  return {
    name,
    labels: raw.metadata?.labels ?? {},
    path: raw.spec?.source?.path,
    automated: Boolean(raw.spec?.syncPolicy?.automated),
    syncStatus: raw.status?.sync?.status ?? 'Unknown',
    syncRevision: raw.status?.sync?.revision,
    healthStatus: raw.status?.health?.status ?? 'Unknown',
    healthMessage: raw.status?.health?.message,
    operation: op?.phase
      ? {
          phase: op.phase,
          message: op.message,
          revision: op.syncResult?.revision ?? op.operation?.sync?.revision,
          startedAt: op.startedAt,
          finishedAt: op.finishedAt,
        }
      : undefined,
    lastDeployed: last?.revision
      ? { revision: last.revision, deployedAt: last.deployedAt }
      : undefined,
    conditions: (raw.status?.conditions ?? []).map(
      c => `${c.type ?? 'Condition'}: ${c.message ?? ''}`,
    ),
  };
}

/** undici hides the socket error (ECONNREFUSED …) in `cause`. */
function describeCause(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e?.cause?.message ?? e?.message ?? String(error);
}

/**
 * The Argo CD REST API (`GET /api/v1/applications`) with a bearer token, a
 * deadline per attempt and bounded retries of transient failures.
 */
export class ArgoCdClient {
  constructor(
    private readonly options: ArgoCdOptions,
    private readonly logger: LoggerService,
  ) {}

  /** The Argo CD UI page of an application. */
  appUrl(name: string): string {
    return `${this.options.baseUrl}/applications/${encodeURIComponent(name)}`;
  }

  async listApplications(): Promise<ArgoApp[]> {
    const params = new URLSearchParams();
    if (this.options.appLabelSelector) {
      params.set('selector', this.options.appLabelSelector);
    }
    const query = params.toString();
    const body = (await this.get(
      `/api/v1/applications${query ? `?${query}` : ''}`,
    )) as { items?: RawApp[] | null };
    if (!body || typeof body !== 'object' || !('items' in body)) {
      throw new ArgoCdError(
        'Argo CD answered with something that is not an application list',
        false,
      );
    }
    // Argo CD sends `items: null` when nothing matches.
    return (body.items ?? []).flatMap(raw => toApp(raw) ?? []);
  }

  private async get(path: string): Promise<unknown> {
    const { maxRetries, retryDelayMs } = this.options;
    return retryTransient(
      () => this.attempt(path),
      thrown => {
        const error =
          thrown instanceof ArgoCdError
            ? thrown
            : new ArgoCdError(String(thrown), false);
        return { error, transient: error.retryable };
      },
      { maxRetries, baseDelayMs: retryDelayMs, logger: this.logger },
    );
  }

  private async attempt(path: string): Promise<unknown> {
    const { baseUrl, token, timeoutMs } = this.options;
    const endpoint = `${baseUrl}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
        },
        // Covers the body too: a server that stalls mid-answer times out as well.
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new ArgoCdError(
        timedOut
          ? `Argo CD ${baseUrl} did not answer within ${timeoutMs} ms`
          : `Argo CD ${baseUrl} is unreachable: ${describeCause(error)}`,
        true,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const message =
        (body as { message?: string } | undefined)?.message ??
        text.slice(0, 200);
      throw new ArgoCdError(
        `Argo CD ${baseUrl} answered ${response.status}: ${
          message || response.statusText
        }`,
        response.status >= 500 || response.status === 429,
      );
    }
    if (body === undefined) {
      throw new ArgoCdError(`Argo CD ${baseUrl} answered with no JSON`, false);
    }
    return body;
  }
}
