import { useApi } from '@backstage/core-plugin-api';
import {
  ntInfraSignalChannels,
  RunDetail,
  RunsResponse,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef, RunsQuery } from '../api';
import { isTerminal } from '../lib/runs';
import { useLive } from './useLive';
import { Polled } from './usePolling';

const terminal = (run: RunDetail) => isTerminal(run.state);

/**
 * One run with its timeline and steps, followed live until it ends (a run
 * in a terminal state never changes again). `pollMs` is the fallback when
 * the app has no signals.
 */
export function useRun(id: string, pollMs: number): Polled<RunDetail> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(() => api.getRun(id), [api, id]);
  return useLive(load, {
    channel: ntInfraSignalChannels.run(id),
    intervalMs: pollMs,
    until: terminal,
  });
}

/**
 * A page of runs, refreshed whenever any run is created or moves.
 * `refreshKey` reloads at once (the caller has just started a run).
 */
export function useRunsList(
  query: RunsQuery,
  pollMs: number,
  refreshKey?: unknown,
): Polled<RunsResponse> {
  const api = useApi(ntInfraApiRef);
  // Callers build the query inline: reload only when its content changes.
  const key = JSON.stringify(query);
  const load = useCallback(
    () => api.getRuns(JSON.parse(key) as RunsQuery),
    // refreshKey restarts the load on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, refreshKey],
  );
  return useLive(load, {
    channel: ntInfraSignalChannels.runs,
    intervalMs: pollMs,
  });
}
