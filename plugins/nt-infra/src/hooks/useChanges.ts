import { useApi } from '@backstage/core-plugin-api';
import {
  ChangeRequest,
  ChangeRequestState,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { useLive } from './useLive';
import { Polled } from './usePolling';

/**
 * Without signals, how often the change lists refresh: changes move on
 * people's clicks, minutes apart.
 */
export const CHANGES_POLL_MS = 15_000;

/** The change requests, newest first, refreshed whenever one opens or moves. */
export function useChanges(
  state: ChangeRequestState | '',
  refreshKey?: unknown,
): Polled<{ items: ChangeRequest[] }> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    () => api.getChanges(state ? { state } : {}),
    // refreshKey restarts the load on purpose: a change was just created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, state, refreshKey],
  );
  return useLive(load, {
    channel: ntInfraSignalChannels.gitops,
    intervalMs: CHANGES_POLL_MS,
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
