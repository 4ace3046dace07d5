import { useApi } from '@backstage/core-plugin-api';
import { EnvironmentName, Run } from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../../api';
import { Polled, usePolling } from '../../hooks/usePolling';

/**
 * Runs change over minutes, not seconds; an entity page is glanced at, not
 * watched, so a slow refresh is enough.
 */
export const ENTITY_RUNS_POLL_INTERVAL_MS = 30_000;

/** How many of the entity's chaos runs the card lists. */
export const RECENT_CHAOS_RUNS = 5;

/** The entity's latest chaos runs, newest first. */
export function useRecentChaosRuns(entityRef: string): Polled<Run[]> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    async () =>
      (
        await api.getRuns({
          kind: 'chaos',
          entityRef,
          limit: RECENT_CHAOS_RUNS,
        })
      ).items,
    [api, entityRef],
  );
  return usePolling(load, ENTITY_RUNS_POLL_INTERVAL_MS);
}

/** The latest failover test of each environment, in the order given; environments without one are left out. */
export function useLatestFailovers(
  environments: EnvironmentName[],
): Polled<Run[]> {
  const api = useApi(ntInfraApiRef);
  // The regions poll hands over a new array each time: polling restarts only
  // when the names change.
  const names = environments.join(',');
  const load = useCallback(async () => {
    const pages = await Promise.all(
      names
        .split(',')
        .filter(Boolean)
        .map(environment =>
          api.getRuns({
            kind: 'failover',
            environment: environment as EnvironmentName,
            limit: 1,
          }),
        ),
    );
    return pages.flatMap(page => page.items.slice(0, 1));
  }, [api, names]);
  return usePolling(load, ENTITY_RUNS_POLL_INTERVAL_MS);
}
