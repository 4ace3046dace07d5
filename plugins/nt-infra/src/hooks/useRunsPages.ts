import { useApi } from '@backstage/core-plugin-api';
import { ntInfraSignalChannels } from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef, RunsQuery } from '../api';
import { PageRequest, useLivePages } from './useLivePages';

export const RUNS_PAGE_SIZE = 25;
/** The most rows the runs route returns at once (its `limit` maximum). */
const MAX_RUNS_PER_READ = 200;
/** Without signals, how often the rows on screen are read again. */
const POLL_MS = 10_000;

/**
 * Runs newest first, a page at a time, kept live by the runs signal (or a
 * poll without signals): see `useLivePages`.
 */
export function useRunsPages(query: RunsQuery) {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    (request: PageRequest) => api.getRuns({ ...query, ...request }),
    [api, query],
  );
  return useLivePages(load, {
    channel: ntInfraSignalChannels.runs,
    pollMs: POLL_MS,
    pageSize: RUNS_PAGE_SIZE,
    maxPerRead: MAX_RUNS_PER_READ,
  });
}
