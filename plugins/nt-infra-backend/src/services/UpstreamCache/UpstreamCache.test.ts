import { UpstreamCache } from './UpstreamCache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('UpstreamCache', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('shares one upstream call between concurrent readers', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    const upstream = deferred<string>();
    const load = jest.fn(() => upstream.promise);

    const readers = Array.from({ length: 50 }, () => cache.read('k', load));
    upstream.resolve('v1');
    const results = await Promise.all(readers);

    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results.map(r => r.value))).toEqual(new Set(['v1']));
    expect(results[0]).toEqual({
      status: 'ok',
      value: 'v1',
      observedAt: new Date(1_000_000).toISOString(),
    });
  });

  it('serves the cached value within the interval and refreshes after it', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    let calls = 0;
    const load = async () => `v${++calls}`;

    expect((await cache.read('k', load)).value).toBe('v1');
    now += 4999;
    expect((await cache.read('k', load)).value).toBe('v1');
    now += 1;
    expect((await cache.read('k', load)).value).toBe('v2');
    expect(calls).toBe(2);
  });

  it('keys are independent', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    expect((await cache.read('a', async () => 1)).value).toBe(1);
    expect((await cache.read('b', async () => 2)).value).toBe(2);
  });

  it('marks the last good value stale when a refresh fails, never as fresh', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    await cache.read('k', async () => 'good');
    now += 6000;
    const result = await cache.read('k', async () => {
      throw new Error('ARM answered 503');
    });
    expect(result).toEqual({
      status: 'stale',
      value: 'good',
      observedAt: new Date(1_000_000).toISOString(),
      error: 'ARM answered 503',
    });
  });

  it('caches failures for the interval so a down upstream is not hammered', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    const load = jest.fn(async () => {
      throw new Error('timeout');
    });
    expect(await cache.read('k', load)).toEqual({
      status: 'unavailable',
      error: 'timeout',
    });
    now += 1000;
    await cache.read('k', load);
    expect(load).toHaveBeenCalledTimes(1);
    now += 5000;
    await cache.read('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('recovers to ok after a failure', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    await cache.read('k', async () => {
      throw new Error('down');
    });
    now += 5000;
    expect(await cache.read('k', async () => 'back')).toMatchObject({
      status: 'ok',
      value: 'back',
    });
  });

  it('invalidate forces the next read upstream', async () => {
    const cache = new UpstreamCache({ refreshMs: 5000, now: clock });
    let calls = 0;
    const load = async () => ++calls;
    await cache.read('k', load);
    cache.invalidate('k');
    expect((await cache.read('k', load)).value).toBe(2);
  });

  it('with a refresh interval of 0 every read goes upstream', async () => {
    const cache = new UpstreamCache({ refreshMs: 0, now: clock });
    const load = jest.fn(async () => 'v');
    await Promise.all([cache.read('k', load), cache.read('k', load)]);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
