import { useApi } from '@backstage/core-plugin-api';
import {
  ChaosWindow,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { useLive } from './useLive';
import { Polled } from './usePolling';

/** Without signals, how often the approvals page refreshes. */
export const WINDOWS_POLL_MS = 15_000;

/**
 * Production windows awaiting a decision, and approved ones that have not
 * ended, refreshed whenever a window is requested, decided or expires.
 */
export function useProductionWindows(
  refreshKey?: unknown,
): Polled<{ requested: ChaosWindow[]; approved: ChaosWindow[] }> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    async () => {
      const [requested, approved] = await Promise.all([
        api.getWindows({ environment: 'production', state: ['requested'] }),
        api.getWindows({
          environment: 'production',
          state: ['approved'],
          // Approved windows that have not ended yet: current and upcoming.
          from: new Date().toISOString(),
        }),
      ]);
      return { requested: requested.items, approved: approved.items };
    },
    // refreshKey reloads on purpose: this user just decided a window.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refreshKey],
  );
  return useLive(load, {
    channel: ntInfraSignalChannels.windows,
    intervalMs: WINDOWS_POLL_MS,
  });
}
