import { SeededRandom } from '../clock';
import type { Pod } from '../world';
import { parseGoDuration } from './duration';
import { selectPods } from './selectPods';
import { validateChaosSpec } from './validate';

const selector = { labelSelectors: { app: 'x' } };

describe('Chaos Mesh admission rules', () => {
  it.each([
    ['fixed', '1', true],
    ['fixed', '0', false],
    ['fixed', '-2', false],
    ['fixed', 'two', false],
    ['fixed-percent', '1', true],
    ['fixed-percent', '100', true],
    ['fixed-percent', '0', false],
    ['fixed-percent', '101', false],
    ['fixed-percent', '50.5', false],
    ['random-max-percent', '100', true],
    ['random-max-percent', '', false],
    ['one', undefined, true],
    ['all', undefined, true],
  ])('mode %s with value %p valid=%p', (mode, value, valid) => {
    const causes = validateChaosSpec('PodChaos', {
      action: 'pod-kill',
      mode,
      value,
      selector,
    });
    // Valid: no causes; invalid: exactly one, on spec.value.
    expect(causes.map(c => c.field)).toEqual(valid ? [] : ['spec.value']);
  });

  it('checks Go durations, required fields and per-kind details', () => {
    expect(
      validateChaosSpec('PodChaos', {
        action: 'pod-failure',
        mode: 'one',
        selector,
        duration: '1m30s',
      }),
    ).toEqual([]);
    expect(
      validateChaosSpec('PodChaos', {
        action: 'pod-failure',
        mode: 'one',
        selector,
        duration: '90',
      })[0].field,
    ).toBe('spec.duration');
    expect(validateChaosSpec('PodChaos', {}).map(c => c.field)).toEqual([
      'spec.mode',
      'spec.selector',
      'spec.action',
    ]);
    expect(
      validateChaosSpec('NetworkChaos', {
        action: 'delay',
        mode: 'all',
        selector,
        delay: { latency: 'fast' },
      })[0].field,
    ).toBe('spec.delay.latency');
    expect(
      validateChaosSpec('NetworkChaos', {
        action: 'delay',
        mode: 'all',
        selector,
        delay: { latency: '100ms', jitter: '10ms' },
      }),
    ).toEqual([]);
    expect(
      validateChaosSpec('StressChaos', { mode: 'all', selector })[0].message,
    ).toMatch(/missing stressors/);
    expect(
      validateChaosSpec('StressChaos', {
        mode: 'all',
        selector,
        stressors: { cpu: { workers: 0 } },
      })[0].field,
    ).toBe('spec.stressors.cpu.workers');
  });

  it('parses Go durations like time.ParseDuration', () => {
    expect(parseGoDuration('30s')).toBe(30000);
    expect(parseGoDuration('1h2m3.5s')).toBe(3723500);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('10')).toBeUndefined();
    expect(parseGoDuration('5 minutes')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });
});

describe('Chaos Mesh pod selection', () => {
  const pods = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(
    (n, i) =>
      ({
        name: `api-${n}`,
        namespace: i < 8 ? 'ntai' : 'other',
        labels: { app: 'api' },
        nodeName: 'n',
      } as unknown as Pod),
  );
  const pick = (
    mode: string,
    value?: string,
    sel: object = { labelSelectors: { app: 'api' } },
  ) =>
    selectPods(
      pods,
      { mode, value, selector: sel },
      'ntai',
      new SeededRandom(1),
    );

  it('empty namespaces means the experiment namespace', () => {
    expect(pick('all').selected).toHaveLength(8);
    expect(
      pick('all', undefined, {
        namespaces: ['other'],
        labelSelectors: { app: 'api' },
      }).selected,
    ).toHaveLength(2);
  });

  it.each([
    ['one', undefined, 1],
    ['fixed', '3', 3],
    ['fixed', '20', 8],
    ['fixed-percent', '50', 4],
    ['fixed-percent', '10', 0],
  ])('%s %p selects %p pods', (mode, value, count) => {
    const { selected } = pick(mode, value);
    expect(selected).toHaveLength(count);
    expect(new Set(selected).size).toBe(count);
  });

  it('random-max-percent never exceeds the maximum and is seeded', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { selected } = selectPods(
        pods,
        {
          mode: 'random-max-percent',
          value: '50',
          selector: { labelSelectors: { app: 'api' } },
        },
        'ntai',
        new SeededRandom(seed),
      );
      expect(selected.length).toBeLessThanOrEqual(4);
    }
    const a = pick('fixed', '3').selected.map(p => p.name);
    expect(pick('fixed', '3').selected.map(p => p.name)).toEqual(a);
  });
});
