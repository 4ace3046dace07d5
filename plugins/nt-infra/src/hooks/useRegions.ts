import { useApi } from '@backstage/core-plugin-api';
import { RegionsResponse } from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { Polled, usePolling } from './usePolling';

/**
 * How often the live views refresh. The backend reads its upstreams on its own
 * schedule; 5 s keeps a GameDay's failover visible within one Traffic Manager
 * probe interval without hammering the backend.
 */
export const LIVE_POLL_INTERVAL_MS = 5_000;

/** Every environment's regions with their verdicts, refreshed live. */
export function useRegions(): Polled<RegionsResponse> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(() => api.getRegions(), [api]);
  return usePolling(load, LIVE_POLL_INTERVAL_MS);
}
