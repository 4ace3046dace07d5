import {
  parseLabelSelector,
  SelectorParseError,
  structuredSelector,
} from './labelSelector';
import { mergePatch } from './mergePatch';

describe('label selectors', () => {
  const labels = {
    app: 'api',
    tier: 'backend',
    'app.kubernetes.io/part-of': 'ntai',
  };
  it.each([
    ['app=api', true],
    ['app==api', true],
    ['app!=api', false],
    ['app in (api,web)', true],
    ['app notin (api)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=api,app.kubernetes.io/part-of=ntai', true],
    ['app=api,tier=frontend', false],
    ['', true],
  ])('%p matches=%p', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it.each(['a in (b', 'bad key=x', 'a=b c'])('rejects %p', s => {
    expect(() => parseLabelSelector(s)).toThrow(SelectorParseError);
  });

  it('matchLabels and matchExpressions', () => {
    expect(
      structuredSelector({ app: 'api' }, [
        { key: 'tier', operator: 'In', values: ['backend'] },
      ])(labels),
    ).toBe(true);
    expect(
      structuredSelector({}, [{ key: 'tier', operator: 'DoesNotExist' }])(
        labels,
      ),
    ).toBe(false);
    expect(() =>
      structuredSelector({}, [{ key: 'a', operator: 'Near' }]),
    ).toThrow(SelectorParseError);
  });
});

describe('JSON merge patch', () => {
  it('merges objects, replaces arrays and deletes with null', () => {
    expect(
      mergePatch(
        { a: 1, b: { c: 2, d: 3 }, e: [1] },
        { b: { c: null, x: 1 }, e: [2], f: 'g' },
      ),
    ).toEqual({ a: 1, b: { d: 3, x: 1 }, e: [2], f: 'g' });
  });
});
