import { useApi } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../api';
import { regionDisplayName } from '../lib/regionNames';

/**
 * Names regions as the rest of the portal does ("East US"), from the
 * configured environments, read once. Until they load, or if they cannot be
 * read, a region keeps its Azure name: a label is no reason to fail a page.
 */
export function useRegionDisplayName(): (
  environment: string,
  region: string,
) => string {
  const api = useApi(ntInfraApiRef);
  const regions = useAsync(async () => api.getRegions(), [api]);
  const environments = regions.value?.environments;
  return useCallback(
    (environment: string, region: string) =>
      regionDisplayName(environments, environment, region),
    [environments],
  );
}
