import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChaosRunPreview,
  ChaosRunRequest,
  ChaosWindow,
  ChaosWindowRequest,
  ChaosWindowsResponse,
  EnvironmentName,
  ExperimentsResponse,
  HaltState,
  NT_INFRA_PLUGIN_ID,
  RegionsResponse,
  Run,
  RunDetail,
  RunsResponse,
  SliSeriesResponse,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import { HaltResult, NtInfraApi, RunsQuery, WindowsQuery } from './NtInfraApi';

interface RequestOptions {
  query?: URLSearchParams;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
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
    const { query, method = 'GET', body, headers = {} } = options;
    const search = query && query.size > 0 ? `?${query}` : '';
    const init: RequestInit = { method, headers };
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
    return (await response.json()) as T;
  }
}
