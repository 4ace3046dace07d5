import { useEffect, useRef, useState } from 'react';

/** What a polled resource looks like to the components that draw it. */
export interface Polled<T> {
  /** The last value that loaded; kept while a refresh runs or after one fails. */
  value?: T;
  /** The error of the latest attempt; cleared by the next success. */
  error?: Error;
  /** True only until the first attempt settles, so refreshes never flicker. */
  loading: boolean;
  /** Epoch ms of the last successful load. */
  loadedAt?: number;
}

function isHidden(): boolean {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'hidden'
  );
}

/**
 * Loads `load()` now and then every `intervalMs` while the browser tab is
 * visible. The next request is scheduled only after the previous one settles,
 * so a slow backend never has requests piling up; a hidden tab stops polling
 * (nobody is looking, and during an incident the backend has better things to
 * do) and refreshes at once when it becomes visible again.
 *
 * `load` must be stable (wrap it in `useCallback`): a new function restarts
 * polling and drops the old value, which is what a change of region wants.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  /** Undefined: load once, then only on `refreshOn` and when the tab shows again. */
  intervalMs: number | undefined,
  options?: {
    /**
     * Stop polling once a loaded value satisfies this, e.g. a run that reached
     * a terminal state: it will not change again, so further requests are waste.
     */
    until?: (value: T) => boolean;
    /** Loads again at once whenever this value changes (e.g. the last signal). */
    refreshOn?: unknown;
  },
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ loading: true });
  // Read through a ref so an inline predicate does not restart polling.
  const untilRef = useRef(options?.until);
  untilRef.current = options?.until;
  const pollRef = useRef<() => void>();

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let done = false;
    setState({ loading: true });

    const schedule = () => {
      clearTimeout(timer);
      timer =
        isHidden() || done || intervalMs === undefined
          ? undefined
          : setTimeout(poll, intervalMs);
    };

    async function poll() {
      if (inFlight) {
        return;
      }
      inFlight = true;
      clearTimeout(timer);
      try {
        const value = await load();
        done = untilRef.current?.(value) ?? false;
        if (active) {
          setState({ value, loading: false, loadedAt: Date.now() });
        }
      } catch (e) {
        if (active) {
          const error = e instanceof Error ? e : new Error(String(e));
          setState(previous => ({ ...previous, error, loading: false }));
        }
      } finally {
        inFlight = false;
        if (active) {
          schedule();
        }
      }
    }

    const onVisibilityChange = () => {
      if (isHidden()) {
        clearTimeout(timer);
        timer = undefined;
      } else if (!done) {
        poll();
      }
    };

    pollRef.current = () => {
      if (!done) poll();
    };
    poll();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      active = false;
      pollRef.current = undefined;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [load, intervalMs]);

  const refreshOn = options?.refreshOn;
  const firstRefresh = useRef(true);
  useEffect(() => {
    // The value at mount is not a change: the effect above has just loaded.
    if (firstRefresh.current) {
      firstRefresh.current = false;
      return;
    }
    pollRef.current?.();
  }, [refreshOn]);

  return state;
}
