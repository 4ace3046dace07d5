import { Slots } from './Slots';

describe('Slots', () => {
  it('runs at most `size` tasks at once, in arrival order, and frees the slot on failure', async () => {
    const slots = new Slots(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const task = (n: number, fail = false) =>
      slots.run(async () => {
        active += 1;
        most = Math.max(most, active);
        order.push(n);
        await new Promise<void>(resolve => releases.push(resolve));
        active -= 1;
        if (fail) throw new Error(`task ${n} failed`);
        return n;
      });
    const all = [task(1, true), task(2), task(3), task(4)].map(p =>
      p.catch((e: Error) => e.message),
    );
    await new Promise(r => setImmediate(r));
    expect(order).toEqual([1, 2]);
    expect(slots.load).toBe(4);
    while (releases.length > 0 || order.length < 4) {
      releases.shift()?.();
      await new Promise(r => setImmediate(r));
    }
    expect(await Promise.all(all)).toEqual(['task 1 failed', 2, 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(slots.load).toBe(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new Slots(0)).toThrow('slots must be a positive integer');
  });
});
