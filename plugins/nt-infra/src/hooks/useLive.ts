import { useSignal } from '@backstage/plugin-signals-react';
import { Polled, usePolling } from './usePolling';

/**
 * A live view of one backend resource. With Backstage signals in the app the
 * backend pushes a message on `channel` for every change it persists, and
 * the view loads once and then again on each message: no timer, so any
 * number of viewers cost one publish per change plus one read each. Without
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
  return usePolling(load, isSignalsAvailable ? undefined : options.intervalMs, {
    until: options.until,
    refreshOn: lastSignal,
  });
}
