import { PodSummary } from '../../providers/clusters/ClusterProvider';
import {
  ModeSpec,
  hitRange,
  pickPods,
  podsToHit,
  randomMaxPercentage,
  readModeSpec,
} from './modeSelection';

function pods(n: number): PodSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    namespace: 'ntai',
    name: `ntai-api-${i}`,
    labels: {},
    ready: true,
    phase: 'Running',
  }));
}

describe('podsToHit (Chaos Mesh rounding)', () => {
  it.each<[ModeSpec, number, number]>([
    [{ mode: 'one' }, 3, 1],
    [{ mode: 'all' }, 3, 3],
    [{ mode: 'fixed', value: 1 }, 3, 1],
    // fixed never asks for more pods than exist
    [{ mode: 'fixed', value: 5 }, 3, 3],
    // fixed-percent rounds DOWN: 10 % of 7 pods is ⌊0.7⌋ = 0
    [{ mode: 'fixed-percent', value: 10 }, 7, 0],
    [{ mode: 'fixed-percent', value: 10 }, 3, 0],
    [{ mode: 'fixed-percent', value: 10 }, 10, 1],
    [{ mode: 'fixed-percent', value: 10 }, 19, 1],
    [{ mode: 'fixed-percent', value: 25 }, 7, 1],
    [{ mode: 'fixed-percent', value: 50 }, 3, 1],
    [{ mode: 'fixed-percent', value: 100 }, 3, 3],
    // nothing to select from
    [{ mode: 'one' }, 0, 0],
    [{ mode: 'all' }, 0, 0],
    [{ mode: 'fixed', value: 2 }, 0, 0],
  ])('%j of %i pods hits %i', (spec, count, expected) => {
    expect(podsToHit(spec, count, 'seed')).toBe(expected);
  });

  it('draws random-max-percent from 0..value, fixed by the seed, then rounds down', () => {
    const counts = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const seed = `run-${i}`;
      const p = randomMaxPercentage(30, seed);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(30);
      const n = podsToHit({ mode: 'random-max-percent', value: 30 }, 20, seed);
      expect(n).toBe(Math.floor((20 * p) / 100));
      expect(
        podsToHit({ mode: 'random-max-percent', value: 30 }, 20, seed),
      ).toBe(n);
      counts.add(n);
    }
    // ⌊20 · 30 / 100⌋ = 6 at most; the draw covers the range.
    expect([...counts].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(hitRange({ mode: 'random-max-percent', value: 30 }, 20)).toEqual({
      min: 0,
      max: 6,
    });
  });

  it.each([
    ['fixed', '0', 'an integer > 0'],
    ['fixed', '1.5', 'an integer > 0'],
    ['fixed-percent', '101', 'an integer in 1..100'],
    ['random-max-percent', undefined, 'an integer in 1..100'],
    ['sometimes', '1', 'mode must be one of'],
  ])(
    'rejects mode %s with value %p as the webhook does',
    (mode, value, msg) => {
      expect(() => readModeSpec(mode, value, 'spec')).toThrow(msg);
    },
  );
});

describe('pickPods', () => {
  it('picks the same pods for the same seed, in any listing order', () => {
    const all = pods(12);
    const a = pickPods(all, 3, 'run-a');
    expect(pickPods([...all].reverse(), 3, 'run-a')).toEqual(a);
    expect(a).toHaveLength(3);
  });

  it('spreads over the pods with different seeds', () => {
    const all = pods(12);
    const picked = new Set(
      Array.from(
        { length: 50 },
        (_, i) => pickPods(all, 1, `run-${i}`)[0].name,
      ),
    );
    expect(picked.size).toBeGreaterThan(5);
  });

  it('keeps its picks when an unpicked pod goes away', () => {
    const all = pods(12);
    const picked = pickPods(all, 3, 'run-b');
    const other = all.find(p => !picked.includes(p))!;
    expect(
      pickPods(
        all.filter(p => p !== other),
        3,
        'run-b',
      ),
    ).toEqual(picked);
  });
});
