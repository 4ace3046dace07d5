import { useSignal } from '@backstage/plugin-signals-react';
import { Polled, usePolling } from './usePolling';

/**
 * With signals, the view is still read again this often. The signals client
 * drops what is published while its websocket reconnects, and a proxy that
 * refuses websocket upgrades leaves the app believing in signals that never
 * come: without this such a view would stay stale until a reload.
 */
export const SIGNALS_SAFETY_REFRESH_MS = 60_000;

/**
 * With signals: no faster than the safety refresh; without: `intervalMs`.
 */
export function refreshEveryMs(
  isSignalsAvailable: boolean,
  intervalMs: number,
): number {
  return isSignalsAvailable
    ? Math.max(intervalMs, SIGNALS_SAFETY_REFRESH_MS)
    : intervalMs;
}

/**
 * A live view of one backend resource. With Backstage signals in the app the
 * backend pushes a message on `channel` for every change it persists, and
 * the view loads once and then again on each message (and, as a safety net,
 * once a minute), so any number of viewers cost one publish per change plus
 * one read each. Without
 * the signals API (an app that does not install it) it polls every
 * `intervalMs` instead, the fallback Backstage's notifications use too.
 *
 * `load` must be stable (`useCallback`), as for `usePolling`.
 */
export function useLive<T>(
  load: () => Promise<T>,
  options: {
    channel: string;
    intervalMs: number;
    until?: (value: T) => boolean;
  },
): Polled<T> {
  const { lastSignal, isSignalsAvailable } = useSignal(options.channel);
  return usePolling(
    load,
    refreshEveryMs(isSignalsAvailable, options.intervalMs),
    {
      until: options.until,
      refreshOn: lastSignal,
    },
  );
}
