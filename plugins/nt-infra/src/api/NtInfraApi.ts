import { createApiRef } from '@backstage/core-plugin-api';
import {
  EnvironmentName,
  RegionsResponse,
  SliSeriesResponse,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';

/** The nt-infra backend, as the frontend sees it. @public */
export interface NtInfraApi {
  /** Every environment's regions with their verdict and live state. */
  getRegions(options?: {
    environment?: EnvironmentName;
  }): Promise<RegionsResponse>;

  /** Every environment's Traffic Manager profile, DNS answer and serving region. */
  getTraffic(): Promise<TrafficResponse>;

  /** A region's SLI time series over the last `minutes` minutes. */
  getSliSeries(
    environment: EnvironmentName,
    region: string,
    minutes: number,
  ): Promise<SliSeriesResponse>;
}

/** @public */
export const ntInfraApiRef = createApiRef<NtInfraApi>({
  id: 'plugin.nt-infra.service',
});
