import { useApi } from '@backstage/core-plugin-api';
import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../api';

/**
 * Each region's SLO objective in an environment, read once: the run page
 * needs it to draw a burn-rate stop condition as an error ratio, and the
 * objective is configuration, not something that moves during a run.
 */
export function useSloObjectives(
  environment: EnvironmentName | undefined,
): Record<string, number> {
  const api = useApi(ntInfraApiRef);
  const regions = useAsync(
    async () => (environment ? api.getRegions({ environment }) : undefined),
    [api, environment],
  );
  const objectives: Record<string, number> = {};
  for (const env of regions.value?.environments ?? []) {
    for (const region of env.regions) {
      const objective = region.slo.value?.objective;
      if (objective !== undefined) {
        objectives[region.name] = objective;
      }
    }
  }
  return objectives;
}
