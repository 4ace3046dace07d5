import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never piles requests onto a slow backend: the next waits for the last', async () => {
    let resolve: (value: number) => void = () => {};
    const load = jest.fn(
      () =>
        new Promise<number>(r => {
          resolve = r;
        }),
    );
    const { result } = renderHook(() => usePolling(load, 5000));

    await act(async () => {
      await jest.advanceTimersByTimeAsync(20_000);
    });
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.loading).toBe(true);

    await act(async () => {
      resolve(42);
    });
    expect(result.current).toMatchObject({ value: 42, loading: false });

    await act(async () => {
      await jest.advanceTimersByTimeAsync(5000);
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops polling once the value says it will not change again', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce({ state: 'running' })
      .mockResolvedValue({ state: 'completed' });
    const { result } = renderHook(() =>
      usePolling(load, 2000, {
        until: (run: { state: string }) => run.state === 'completed',
      }),
    );
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ state: 'completed' });
  });
});
