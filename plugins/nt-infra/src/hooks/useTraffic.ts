import { useApi } from '@backstage/core-plugin-api';
import { TrafficResponse } from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { LIVE_POLL_INTERVAL_MS } from './useRegions';
import { Polled, usePolling } from './usePolling';

/** Every environment's Traffic Manager profile and DNS answer, refreshed live. */
export function useTraffic(): Polled<TrafficResponse> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(() => api.getTraffic(), [api]);
  return usePolling(load, LIVE_POLL_INTERVAL_MS);
}
