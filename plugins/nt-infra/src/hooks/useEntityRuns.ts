import { useApi } from '@backstage/core-plugin-api';
import {
  EnvironmentName,
  ntInfraSignalChannels,
  Run,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import {
  EntityWorkload,
  runHitsWorkload,
} from '../components/EntityRunsCard/entityWorkload';
import { useLive } from './useLive';
import { Polled } from './usePolling';

/**
 * Without signals: runs change over minutes, not seconds; an entity page is
 * glanced at, not watched, so a slow refresh is enough.
 */
export const ENTITY_RUNS_POLL_INTERVAL_MS = 30_000;

/** How many of the entity's chaos runs the card lists. */
export const RECENT_CHAOS_RUNS = 5;

/**
 * How many of the latest chaos runs are searched for ones aimed at the
 * entity's pods without naming the entity; the backend filters runs by
 * `entityRef` only, so older ones are found by that alone.
 */
export const CHAOS_RUNS_SCANNED = 50;

/**
 * The entity's latest chaos runs, newest first: those started for it
 * (`entityRef`) and those whose pod selector hits only its pods (the
 * workload its Kubernetes annotations name), whoever started them and from
 * where. Refreshed whenever any run is created or moves.
 */
export function useRecentChaosRuns(
  entityRef: string,
  workload?: EntityWorkload,
): Polled<Run[]> {
  const api = useApi(ntInfraApiRef);
  // A new object per render: reload only when its content changes.
  const workloadKey = workload ? JSON.stringify(workload) : '';
  const load = useCallback(async () => {
    const target = workloadKey
      ? (JSON.parse(workloadKey) as EntityWorkload)
      : undefined;
    const [named, latest] = await Promise.all([
      api.getRuns({ kind: 'chaos', entityRef, limit: RECENT_CHAOS_RUNS }),
      target
        ? api.getRuns({ kind: 'chaos', limit: CHAOS_RUNS_SCANNED })
        : undefined,
    ]);
    const byId = new Map<string, Run>();
    for (const run of named.items) byId.set(run.id, run);
    for (const run of latest?.items ?? []) {
      if (target && runHitsWorkload(run, target)) byId.set(run.id, run);
    }
    return [...byId.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, RECENT_CHAOS_RUNS);
  }, [api, entityRef, workloadKey]);
  return useLive(load, {
    channel: ntInfraSignalChannels.runs,
    intervalMs: ENTITY_RUNS_POLL_INTERVAL_MS,
  });
}

/**
 * The latest failover test of each environment, in the order given;
 * environments without one are left out. Refreshed whenever any run moves.
 */
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
  return useLive(load, {
    channel: ntInfraSignalChannels.runs,
    intervalMs: ENTITY_RUNS_POLL_INTERVAL_MS,
  });
}
