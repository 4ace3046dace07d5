import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { signalBus } from '../__testUtils__/signalBus';
import { SIGNALS_SAFETY_REFRESH_MS, useLive } from './useLive';

/** An app with the signals API, delivering what `bus` is given. */
const withSignals =
  (bus: ReturnType<typeof signalBus>) =>
  ({ children }: { children: ReactNode }) =>
    (
      <TestApiProvider apis={[[signalApiRef, bus.api]]}>
        {children}
      </TestApiProvider>
    );

describe('useLive', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('with signals: loads once, does not poll, and loads again on each signal of its channel', async () => {
    const bus = signalBus();
    const wrapper = withSignals(bus);
    let version = 0;
    const load = jest.fn(async () => ({ state: `v${++version}` }));
    const { result } = renderHook(
      () => useLive(load, { channel: 'nt-infra:run:1', intervalMs: 2000 }),
      { wrapper },
    );
    await act(async () => {
      await jest.advanceTimersByTimeAsync(SIGNALS_SAFETY_REFRESH_MS - 1);
    });
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.value).toEqual({ state: 'v1' });

    await bus.deliver('nt-infra:run:2', { id: '2' });
    expect(load).toHaveBeenCalledTimes(1);

    await bus.deliver('nt-infra:run:1', { id: '1', state: 'running' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ state: 'v2' });
  });

  it('with signals that never come (a lost message, a proxy refusing websockets): read again once a minute', async () => {
    const bus = signalBus();
    const wrapper = withSignals(bus);
    let version = 0;
    const load = jest.fn(async () => ({ state: `v${++version}` }));
    const { result } = renderHook(
      () => useLive(load, { channel: 'nt-infra:run:1', intervalMs: 2000 }),
      { wrapper },
    );
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2 * SIGNALS_SAFETY_REFRESH_MS + 1);
    });
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.value).toEqual({ state: 'v3' });
  });

  it('with signals: a value that will not change again stops the reloads', async () => {
    const bus = signalBus();
    const wrapper = withSignals(bus);
    const load = jest.fn(async () => ({ state: 'completed' }));
    renderHook(
      () =>
        useLive(load, {
          channel: 'nt-infra:run:1',
          intervalMs: 2000,
          until: v => v.state === 'completed',
        }),
      { wrapper },
    );
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1);
    });
    await bus.deliver('nt-infra:run:1', { id: '1' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('without the signals API: falls back to polling every intervalMs', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    );
    const load = jest.fn(async () => 1);
    renderHook(
      () => useLive(load, { channel: 'nt-infra:runs', intervalMs: 2000 }),
      { wrapper },
    );
    await act(async () => {
      await jest.advanceTimersByTimeAsync(6_500);
    });
    expect(load).toHaveBeenCalledTimes(4);
  });
});
