import { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';

/**
 * A signals API as the app provides it: subscribers per channel, and a way
 * to deliver a message the way the backend's publish reaches the browser.
 */
export function signalBus() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage as (message: any) => void);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage as any) };
    },
  };
  const deliver = (channel: string, message: object) =>
    act(async () => {
      subscribers.get(channel)?.forEach(onMessage => onMessage(message));
    });
  return { api, deliver, subscribers };
}
