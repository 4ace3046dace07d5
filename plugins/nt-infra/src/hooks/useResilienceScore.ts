import { useApi } from '@backstage/core-plugin-api';
import {
  ntInfraSignalChannels,
  ResilienceScoresResponse,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { ENTITY_RUNS_POLL_INTERVAL_MS } from './useEntityRuns';
import { useLive } from './useLive';
import { Polled } from './usePolling';

/**
 * One entity's resilience score with `weeks` of trend. It is computed from
 * the run history, so it is read again whenever a run is created or moves.
 */
export function useResilienceScore(
  entityRef: string,
  weeks: number,
): Polled<ResilienceScoresResponse> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    () => api.getResilienceScores([entityRef], { weeks }),
    [api, entityRef, weeks],
  );
  return useLive(load, {
    channel: ntInfraSignalChannels.runs,
    intervalMs: ENTITY_RUNS_POLL_INTERVAL_MS,
  });
}
