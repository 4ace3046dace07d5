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
