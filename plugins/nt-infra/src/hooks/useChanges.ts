import { useApi } from '@backstage/core-plugin-api';
import {
  ChangeRequest,
  ChangeRequestState,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { useLive } from './useLive';
import { PageRequest, useLivePages } from './useLivePages';
import { Polled } from './usePolling';

/**
 * Without signals, how often the change lists refresh: changes move on
 * people's clicks, minutes apart.
 */
export const CHANGES_POLL_MS = 15_000;

/** Change requests per page of the list, and the most one read returns (the route's maximum). */
export const CHANGES_PAGE_SIZE = 25;
const MAX_CHANGES_PER_READ = 200;

/**
 * The change requests, newest first, a page at a time ("Load more"), kept
 * live whenever one opens or moves: see `useLivePages`.
 */
export function useChangesPages(state: ChangeRequestState | '') {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    (request: PageRequest) =>
      api.getChanges({ ...(state ? { state } : {}), ...request }),
    [api, state],
  );
  return useLivePages(load, {
    channel: ntInfraSignalChannels.gitops,
    pollMs: CHANGES_POLL_MS,
    pageSize: CHANGES_PAGE_SIZE,
    maxPerRead: MAX_CHANGES_PER_READ,
  });
}

const settled = (change: ChangeRequest) =>
  change.state === 'merged' || change.state === 'closed';

/**
 * One change request with its history, refreshed whenever a change request
 * moves, until it is merged or closed (it never changes again then).
 * `refreshKey` reloads at once (the user has just acted on it).
 */
export function useChange(
  id: string,
  refreshKey?: unknown,
): Polled<ChangeRequest> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    () => api.getChange(id),
    // refreshKey restarts the load on purpose: the user just acted on it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, id, refreshKey],
  );
  return useLive(load, {
    channel: ntInfraSignalChannels.gitops,
    intervalMs: CHANGES_POLL_MS,
    until: settled,
  });
}
