import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EnvironmentName,
  NT_INFRA_PLUGIN_ID,
  RegionsResponse,
  SliSeriesResponse,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import { NtInfraApi } from './NtInfraApi';

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
    const query = new URLSearchParams();
    if (options?.environment) {
      query.set('environment', options.environment);
    }
    return this.request<RegionsResponse>('/regions', query);
  }

  async getTraffic(): Promise<TrafficResponse> {
    return this.request<TrafficResponse>('/traffic');
  }

  async getSliSeries(
    environment: EnvironmentName,
    region: string,
    minutes: number,
  ): Promise<SliSeriesResponse> {
    const path = `/regions/${encodeURIComponent(
      environment,
    )}/${encodeURIComponent(region)}/slis`;
    return this.request<SliSeriesResponse>(
      path,
      new URLSearchParams({ minutes: String(minutes) }),
    );
  }

  private async request<T>(path: string, query?: URLSearchParams): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(NT_INFRA_PLUGIN_ID);
    const search = query && query.size > 0 ? `?${query}` : '';
    const response = await this.fetchApi.fetch(`${baseUrl}${path}${search}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
