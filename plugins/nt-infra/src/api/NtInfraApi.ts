import { createApiRef } from '@backstage/core-plugin-api';
import {
  EnvironmentName,
  RegionsResponse,
} from '@internal/plugin-nt-infra-common';

/** The nt-infra backend, as the frontend sees it. @public */
export interface NtInfraApi {
  getRegions(options?: {
    environment?: EnvironmentName;
  }): Promise<RegionsResponse>;
}

/** @public */
export const ntInfraApiRef = createApiRef<NtInfraApi>({
  id: 'plugin.nt-infra.service',
});
