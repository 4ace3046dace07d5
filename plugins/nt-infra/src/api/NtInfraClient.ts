import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BudgetCostEstimate,
  ChangeDelivery,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChaosRunPreview,
  ChaosRunRequest,
  ChaosWindow,
  ChaosWindowRequest,
  ChaosWindowsResponse,
  DeliverySummary,
  EnvironmentName,
  ExperimentsResponse,
  FailoverTestRequest,
  FailoverTestView,
  GameDayNote,
  GameDayReport,
  GameDayRequest,
  GameDayScenariosResponse,
  HaltState,
  NT_INFRA_PLUGIN_ID,
  RegionsResponse,
  ResilienceScoresResponse,
  Run,
  RunDetail,
  RunsResponse,
  SliSeriesResponse,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import {
  ChangesQuery,
  ChangesResponse,
  HaltResult,
  NtInfraApi,
  RunsQuery,
  WindowsQuery,
} from './NtInfraApi';

interface RequestOptions {
  query?: URLSearchParams;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** `text` for documents (the Markdown report); JSON otherwise. */
  as?: 'json' | 'text';
}

/** Query parameters from a filter object: lists as comma lists, empty values left out. */
function toQuery(
  values: Record<string, string | number | string[] | undefined>,
): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query.set(key, value.join(','));
    } else {
      query.set(key, String(value));
    }
  }
  return query;
}

const segment = encodeURIComponent;

/** Talks to the nt-infra backend through Backstage's discovery and fetch APIs. @public */
export class NtInfraClient implements NtInfraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getRegions(options?: {
    environment?: EnvironmentName;
  }): Promise<RegionsResponse> {
    const query = toQuery({ environment: options?.environment });
    return this.request<RegionsResponse>('/regions', { query });
  }

  async getTraffic(): Promise<TrafficResponse> {
    return this.request<TrafficResponse>('/traffic');
  }

  async getSliSeries(
    environment: EnvironmentName,
    region: string,
    minutes: number,
  ): Promise<SliSeriesResponse> {
    const path = `/regions/${segment(environment)}/${segment(region)}/slis`;
    return this.request<SliSeriesResponse>(path, {
      query: toQuery({ minutes }),
    });
  }

  async getExperiments(): Promise<ExperimentsResponse> {
    return this.request<ExperimentsResponse>('/experiments');
  }

  async previewChaosRun(request: ChaosRunRequest): Promise<ChaosRunPreview> {
    return this.request<ChaosRunPreview>('/runs/chaos/preview', {
      method: 'POST',
      body: request,
    });
  }

  async startChaosRun(
    request: ChaosRunRequest,
    idempotencyKey: string,
  ): Promise<Run> {
    return this.request<Run>('/runs/chaos', {
      method: 'POST',
      body: request,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  async getRuns(query: RunsQuery = {}): Promise<RunsResponse> {
    return this.request<RunsResponse>('/runs', {
      query: toQuery({ ...query }),
    });
  }

  async getRun(id: string): Promise<RunDetail> {
    return this.request<RunDetail>(`/runs/${segment(id)}`);
  }

  async stopRun(id: string, reason: string): Promise<Run> {
    return this.request<Run>(`/runs/${segment(id)}/stop`, {
      method: 'POST',
      body: { reason },
    });
  }

  async getHalt(): Promise<HaltState> {
    return this.request<HaltState>('/halt');
  }

  async engageHalt(reason: string): Promise<HaltResult> {
    return this.request<HaltResult>('/halt', {
      method: 'POST',
      body: { reason },
    });
  }

  async releaseHalt(reason: string): Promise<HaltState> {
    return this.request<HaltState>('/halt/release', {
      method: 'POST',
      body: { reason },
    });
  }

  async requestWindow(request: ChaosWindowRequest): Promise<ChaosWindow> {
    return this.request<ChaosWindow>('/windows', {
      method: 'POST',
      body: request,
    });
  }

  async getWindows(query: WindowsQuery = {}): Promise<ChaosWindowsResponse> {
    return this.request<ChaosWindowsResponse>('/windows', {
      query: toQuery({ ...query }),
    });
  }

  async approveWindow(id: string, comment: string): Promise<ChaosWindow> {
    return this.decide(id, 'approve', comment);
  }

  async rejectWindow(id: string, comment: string): Promise<ChaosWindow> {
    return this.decide(id, 'reject', comment);
  }

  async cancelWindow(id: string, reason?: string): Promise<ChaosWindow> {
    return this.request<ChaosWindow>(`/windows/${segment(id)}/cancel`, {
      method: 'POST',
      body: reason ? { reason } : {},
    });
  }

  async previewFailoverTest(
    request: FailoverTestRequest,
  ): Promise<BudgetCostEstimate> {
    return this.request<BudgetCostEstimate>('/failover-tests/preview', {
      method: 'POST',
      body: request,
    });
  }

  async startFailoverTest(
    request: FailoverTestRequest,
    idempotencyKey: string,
  ): Promise<FailoverTestView> {
    return this.request<FailoverTestView>('/failover-tests', {
      method: 'POST',
      body: request,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  async getFailoverTest(id: string): Promise<FailoverTestView> {
    return this.request<FailoverTestView>(`/failover-tests/${segment(id)}`);
  }

  async abortFailoverTest(
    id: string,
    reason?: string,
  ): Promise<FailoverTestView> {
    return this.request<FailoverTestView>(
      `/failover-tests/${segment(id)}/abort`,
      // The backend's schema is strict: an empty reason is left out, not sent.
      { method: 'POST', body: reason ? { reason } : {} },
    );
  }

  async getGameDayScenarios(): Promise<GameDayScenariosResponse> {
    return this.request<GameDayScenariosResponse>('/gamedays/scenarios');
  }

  async previewGameDay(request: GameDayRequest): Promise<BudgetCostEstimate> {
    return this.request<BudgetCostEstimate>('/gamedays/preview', {
      method: 'POST',
      body: request,
    });
  }

  async startGameDay(
    request: GameDayRequest,
    idempotencyKey: string,
  ): Promise<Run> {
    return this.request<Run>('/gamedays', {
      method: 'POST',
      body: request,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  async abortGameDay(id: string, reason: string): Promise<Run> {
    return this.request<Run>(`/gamedays/${segment(id)}/abort`, {
      method: 'POST',
      body: { reason },
    });
  }

  async addGameDayNote(id: string, text: string): Promise<GameDayNote> {
    return this.request<GameDayNote>(`/gamedays/${segment(id)}/notes`, {
      method: 'POST',
      body: { text },
    });
  }

  async getGameDayReport(id: string): Promise<GameDayReport> {
    return this.request<GameDayReport>(`/gamedays/${segment(id)}/report`, {
      query: toQuery({ format: 'json' }),
    });
  }

  async getGameDayReportMarkdown(id: string): Promise<string> {
    return this.request<string>(`/gamedays/${segment(id)}/report`, {
      query: toQuery({ format: 'markdown' }),
      as: 'text',
    });
  }

  async previewChange(input: ChangeRequestInput): Promise<ChangePreview> {
    return this.request<ChangePreview>('/gitops/changes/preview', {
      method: 'POST',
      body: input,
    });
  }

  async createChange(
    input: ChangeRequestInput,
    idempotencyKey: string,
  ): Promise<ChangeRequest> {
    return this.request<ChangeRequest>('/gitops/changes', {
      method: 'POST',
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  async getChanges(query: ChangesQuery = {}): Promise<ChangesResponse> {
    return this.request<ChangesResponse>('/gitops/changes', {
      query: toQuery({ ...query }),
    });
  }

  async getChange(id: string): Promise<ChangeRequest> {
    return this.request<ChangeRequest>(`/gitops/changes/${segment(id)}`);
  }

  async approveChange(id: string, comment: string): Promise<ChangeRequest> {
    return this.request<ChangeRequest>(
      `/gitops/changes/${segment(id)}/approve`,
      { method: 'POST', body: { comment } },
    );
  }

  async mergeChange(id: string): Promise<ChangeRequest> {
    return this.request<ChangeRequest>(`/gitops/changes/${segment(id)}/merge`, {
      method: 'POST',
      body: {},
    });
  }

  async closeChange(id: string, comment: string): Promise<ChangeRequest> {
    return this.request<ChangeRequest>(`/gitops/changes/${segment(id)}/close`, {
      method: 'POST',
      body: { comment },
    });
  }

  async getChangeDelivery(id: string): Promise<ChangeDelivery> {
    return this.request<ChangeDelivery>(
      `/gitops/changes/${segment(id)}/delivery`,
    );
  }

  async getDeliverySummary(
    options: { environment?: EnvironmentName } = {},
  ): Promise<DeliverySummary> {
    const query = new URLSearchParams();
    if (options.environment) query.set('environment', options.environment);
    return this.request<DeliverySummary>('/delivery', { query });
  }

  async getResilienceScores(
    entityRefs: string[],
    options: { weeks?: number } = {},
  ): Promise<ResilienceScoresResponse> {
    // One `entityRef` per entity: refs may not be comma-free in general.
    const query = new URLSearchParams();
    for (const ref of entityRefs) query.append('entityRef', ref);
    if (options.weeks !== undefined) query.set('weeks', String(options.weeks));
    return this.request<ResilienceScoresResponse>('/resilience/scores', {
      query,
    });
  }

  private decide(
    id: string,
    decision: 'approve' | 'reject',
    comment: string,
  ): Promise<ChaosWindow> {
    return this.request<ChaosWindow>(`/windows/${segment(id)}/${decision}`, {
      method: 'POST',
      body: { comment },
    });
  }

  private async request<T>(
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(NT_INFRA_PLUGIN_ID);
    const { query, method = 'GET', body, headers = {}, as } = options;
    const search = query && query.size > 0 ? `?${query}` : '';
    // Reads revalidate the browser's cached copy by its ETag: an unchanged
    // view comes back as a 304 without a body, the cache supplies it, and
    // nothing older than what the backend serves is ever shown.
    const init: RequestInit = {
      method,
      headers,
      ...(method === 'GET' ? { cache: 'no-cache' as const } : {}),
    };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { ...headers, 'Content-Type': 'application/json' };
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (as === 'text') {
      return (await response.text()) as T;
    }
    return (await response.json()) as T;
  }
}
