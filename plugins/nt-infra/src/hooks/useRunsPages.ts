import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { ntInfraSignalChannels, Run } from '@internal/plugin-nt-infra-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ntInfraApiRef, RunsQuery } from '../api';
import { errorMessage } from '../lib/errors';

export const RUNS_PAGE_SIZE = 25;
/** The most rows the runs route returns at once (its `limit` maximum). */
const MAX_RUNS_PER_READ = 200;
/** Without signals, how often the rows on screen are read again. */
const POLL_MS = 10_000;

export interface RunsPage {
  items: Run[];
  nextCursor?: string;
}

/**
 * Runs newest first, a page at a time ("Load more" passes the keyset
 * cursor and appends), kept live: whenever any run is created or moves
 * (the runs signal, or a poll without signals) the rows on screen are read
 * again in one request, so new runs appear on top and states change in
 * place without losing the pages already loaded.
 */
export function useRunsPages(query: RunsQuery) {
  const api = useApi(ntInfraApiRef);
  const { lastSignal, isSignalsAvailable } = useSignal(
    ntInfraSignalChannels.runs,
  );
  const [page, setPage] = useState<RunsPage>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  // Answers to an older filter, or an older refresh, must not land.
  const filterGeneration = useRef(0);
  const latestRefresh = useRef(0);
  const shown = useRef(0);
  shown.current = page?.items.length ?? 0;

  useEffect(() => {
    const generation = ++filterGeneration.current;
    setLoading(true);
    setError(undefined);
    api
      .getRuns({ ...query, limit: RUNS_PAGE_SIZE })
      .then(first => {
        if (generation === filterGeneration.current) setPage(first);
      })
      .catch(e => {
        if (generation !== filterGeneration.current) return;
        // The rows on screen belong to the previous filters: not under this error.
        setPage(undefined);
        setError(errorMessage(e));
      })
      .finally(() => {
        if (generation === filterGeneration.current) setLoading(false);
      });
  }, [api, query]);

  const refresh = useCallback(async () => {
    const generation = filterGeneration.current;
    const sequence = ++latestRefresh.current;
    const limit = Math.min(
      MAX_RUNS_PER_READ,
      Math.max(RUNS_PAGE_SIZE, shown.current),
    );
    try {
      const fresh = await api.getRuns({ ...query, limit });
      if (
        generation !== filterGeneration.current ||
        sequence !== latestRefresh.current
      ) {
        return;
      }
      setPage(current => mergeRefreshed(current, fresh, limit));
      setError(undefined);
    } catch {
      // A missed refresh leaves the rows as they were; the next change retries.
    }
  }, [api, query]);

  useEffect(() => {
    if (lastSignal !== null && lastSignal !== undefined) void refresh();
  }, [lastSignal, refresh]);

  useEffect(() => {
    if (isSignalsAvailable) return undefined;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [isSignalsAvailable, refresh]);

  const loadMore = useCallback(async () => {
    const cursor = page?.nextCursor;
    if (!cursor) return;
    const generation = filterGeneration.current;
    setLoading(true);
    try {
      const next = await api.getRuns({
        ...query,
        limit: RUNS_PAGE_SIZE,
        cursor,
      });
      if (generation !== filterGeneration.current) return;
      setPage(current => appendPage(current, next));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [api, query, page?.nextCursor]);

  return { page, loading, error, loadMore };
}

/** Appends a further page, skipping rows a refresh has already brought in. */
function appendPage(current: RunsPage | undefined, next: RunsPage): RunsPage {
  const items = current?.items ?? [];
  const seen = new Set(items.map(r => r.id));
  return {
    items: [...items, ...next.items.filter(r => !seen.has(r.id))],
    nextCursor: next.nextCursor,
  };
}

/**
 * The first `limit` rows read again replace those on screen; rows loaded
 * beyond them (more than one read returns) stay, with their cursor.
 */
function mergeRefreshed(
  current: RunsPage | undefined,
  fresh: RunsPage,
  limit: number,
): RunsPage {
  if (!current || current.items.length <= limit) return fresh;
  const seen = new Set(fresh.items.map(r => r.id));
  return {
    items: [
      ...fresh.items,
      ...current.items.slice(limit).filter(r => !seen.has(r.id)),
    ],
    nextCursor: current.nextCursor,
  };
}
