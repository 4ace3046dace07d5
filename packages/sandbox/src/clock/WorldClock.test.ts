import { WorldClock } from './WorldClock';
import { SeededRandom } from './random';

describe('WorldClock', () => {
  it('runs world time at the speed factor', async () => {
    const before = Date.now();
    const clock = new WorldClock({ speed: 50, startTime: 0 });
    const after = Date.now();
    await new Promise(r => setTimeout(r, 100));
    const readFrom = Date.now();
    const now = clock.now();
    const readTo = Date.now();
    // Exactly 50 world ms per wall ms between the start and the reading,
    // however late this process ran the timer.
    expect(now).toBeGreaterThanOrEqual((readFrom - after) * 50);
    expect(now).toBeLessThanOrEqual((readTo - before) * 50);
    expect(now).toBeGreaterThanOrEqual(100 * 50);
    clock.stop();
  });

  it('fires timers in world-time order, equal deadlines in creation order', async () => {
    const clock = new WorldClock({ speed: 100 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 2000);
    clock.setTimeout(() => fired.push('a'), 1000);
    clock.setTimeout(() => fired.push('c'), 2000);
    await clock.sleep(2500);
    expect(fired).toEqual(['a', 'b', 'c']);
    clock.stop();
  });

  it('re-arms pending timers when the speed changes', async () => {
    const clock = new WorldClock({ speed: 1, startTime: 0 });
    const started = Date.now();
    const done = clock.sleep(10000); // 10 s of world time: 10 real seconds at 1×
    clock.setSpeed(1000); // … but 10 ms at 1000×
    await done;
    // Woken by world time, not by the 10 s wall timer armed at 1×.
    expect(clock.now()).toBeGreaterThanOrEqual(10000);
    expect(Date.now() - started).toBeLessThan(5000);
    clock.stop();
  });

  it('repeats intervals without drifting and stops when cleared', async () => {
    const clock = new WorldClock({ speed: 200 });
    const at: number[] = [];
    const handle = clock.setInterval(() => at.push(clock.now()), 1000);
    await clock.sleep(5500);
    clock.clear(handle);
    const count = at.length;
    await clock.sleep(2000);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(at.length).toBe(count);
    clock.stop();
  });

  it('rejects nonsensical speeds', () => {
    expect(() => new WorldClock({ speed: 0 })).toThrow(RangeError);
    expect(() => new WorldClock().setSpeed(-1)).toThrow(RangeError);
  });
});

describe('SeededRandom', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new SeededRandom('x');
    const b = new SeededRandom('x');
    const c = new SeededRandom('y');
    const seq = (r: SeededRandom) =>
      Array.from({ length: 5 }, () => r.chars(5)).join(',');
    expect(seq(a)).toBe(seq(b));
    expect(seq(new SeededRandom('x'))).not.toBe(seq(c));
  });

  it('samples without repetition', () => {
    const picked = new SeededRandom(1).sample([1, 2, 3, 4, 5], 3);
    expect(new Set(picked).size).toBe(3);
    expect(new SeededRandom(1).sample([1, 2], 5)).toEqual([1, 2]);
  });
});

describe('WorldClock paused start', () => {
  it('stands still until started, then runs from the start time', async () => {
    const clock = new WorldClock({ speed: 100, startTime: 1000, paused: true });
    let fired = false;
    clock.setTimeout(() => (fired = true), 10);
    await new Promise(r => setTimeout(r, 50));
    expect(clock.now()).toBe(1000);
    expect(fired).toBe(false);
    clock.start();
    await clock.sleep(100);
    expect(fired).toBe(true);
    expect(clock.now()).toBeGreaterThan(1000);
    clock.stop();
  });
});
