import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ntInfraApiRef } from '../api';

/** The configured environments with their Traffic Manager profile and regions. */
export function useRegions() {
  const api = useApi(ntInfraApiRef);
  return useAsyncRetry(() => api.getRegions(), [api]);
}
