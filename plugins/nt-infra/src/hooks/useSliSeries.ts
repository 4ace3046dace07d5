import { useApi } from '@backstage/core-plugin-api';
import {
  EnvironmentName,
  SliSeriesResponse,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { Polled, usePolling } from './usePolling';

/** The window the region charts cover. */
export const SLI_SERIES_MINUTES = 60;

/**
 * The charts refresh less often than the live numbers next to them: one new
 * point in an hour-long line is barely visible, while each refresh is a range
 * query per region against Prometheus. The current values come from
 * `useRegions` every 5 s.
 */
export const SLI_SERIES_POLL_INTERVAL_MS = 15_000;

/** A region's SLI time series over the last hour. */
export function useSliSeries(
  environment: EnvironmentName,
  region: string,
): Polled<SliSeriesResponse> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    () => api.getSliSeries(environment, region, SLI_SERIES_MINUTES),
    [api, environment, region],
  );
  return usePolling(load, SLI_SERIES_POLL_INTERVAL_MS);
}
