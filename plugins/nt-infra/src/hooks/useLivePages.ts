import { useSignal } from '@backstage/plugin-signals-react';
import { refreshEveryMs } from './useLive';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../lib/errors';

/** One keyset page of a list route, newest first. */
export interface LivePage<T> {
  items: T[];
  nextCursor?: string;
}

/** What a list route is asked for: `limit` rows after `cursor`. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * A list a page at a time ("Load more" passes the keyset cursor and
 * appends), kept live: whenever the channel says something was created or
 * moved (or, without the signals API, every `pollMs`; with it, once a
 * minute as a safety net) the rows on screen
 * are read again in one request, so new rows appear on top and states
 * change in place without losing the pages already loaded.
 *
 * `load` must be stable (`useCallback`): a new one is a new filter, which
 * starts again from the first page.
 */
export function useLivePages<T extends { id: string }>(
  load: (request: PageRequest) => Promise<LivePage<T>>,
  options: {
    channel: string;
    pollMs: number;
    pageSize: number;
    /** The most rows the route returns at once (its `limit` maximum). */
    maxPerRead: number;
  },
) {
  const { channel, pollMs, pageSize, maxPerRead } = options;
  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  const [page, setPage] = useState<LivePage<T>>();
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
    load({ limit: pageSize })
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
  }, [load, pageSize]);

  const refresh = useCallback(async () => {
    const generation = filterGeneration.current;
    const sequence = ++latestRefresh.current;
    const limit = Math.min(maxPerRead, Math.max(pageSize, shown.current));
    try {
      const fresh = await load({ limit });
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
  }, [load, pageSize, maxPerRead]);

  useEffect(() => {
    if (lastSignal !== null && lastSignal !== undefined) void refresh();
  }, [lastSignal, refresh]);

  useEffect(() => {
    const timer = setInterval(
      () => void refresh(),
      refreshEveryMs(isSignalsAvailable, pollMs),
    );
    return () => clearInterval(timer);
  }, [isSignalsAvailable, refresh, pollMs]);

  const loadMore = useCallback(async () => {
    const cursor = page?.nextCursor;
    if (!cursor) return;
    const generation = filterGeneration.current;
    setLoading(true);
    try {
      const next = await load({ limit: pageSize, cursor });
      if (generation !== filterGeneration.current) return;
      setPage(current => appendPage(current, next));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [load, pageSize, page?.nextCursor]);

  return { page, loading, error, loadMore };
}

/** Appends a further page, skipping rows a refresh has already brought in. */
function appendPage<T extends { id: string }>(
  current: LivePage<T> | undefined,
  next: LivePage<T>,
): LivePage<T> {
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
function mergeRefreshed<T extends { id: string }>(
  current: LivePage<T> | undefined,
  fresh: LivePage<T>,
  limit: number,
): LivePage<T> {
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
