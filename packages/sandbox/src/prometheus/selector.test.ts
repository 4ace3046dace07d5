import { histogramQuantile } from './histogram';
import { matchesAll, parseSelector, PromQLError } from './selector';

describe('PromQL vector selectors', () => {
  it('parses names and all four matcher operators', () => {
    const m = parseSelector(
      `ntai:slo_burn_rate:1h{region="eastus", env!='dev', svc=~"api|web", x!~"a.*",}`,
    );
    expect(m.map(x => [x.name, x.op, x.value])).toEqual([
      ['__name__', '=', 'ntai:slo_burn_rate:1h'],
      ['region', '=', 'eastus'],
      ['env', '!=', 'dev'],
      ['svc', '=~', 'api|web'],
      ['x', '!~', 'a.*'],
    ]);
    expect(
      matchesAll(m, {
        __name__: 'ntai:slo_burn_rate:1h',
        region: 'eastus',
        svc: 'web',
        x: 'b',
      }),
    ).toBe(true);
    // Regexes are anchored as in Prometheus.
    expect(
      matchesAll(m, {
        __name__: 'ntai:slo_burn_rate:1h',
        region: 'eastus',
        svc: 'webx',
        x: 'b',
      }),
    ).toBe(false);
  });

  it.each(['rate(x[5m])', 'x[5m]', 'sum(x)', 'x + 1', 'x offset 5m', '1'])(
    'rejects %s as unsupported',
    q => {
      expect(() => parseSelector(q)).toThrow(
        expect.objectContaining({ kind: 'unsupported' }),
      );
    },
  );

  it.each(['x{a=}', 'x{a~"b"}', '{a=""}', 'x{a="b"', 'x{a=~"("}', ''])(
    'rejects %s as a parse error',
    q => {
      expect(() => parseSelector(q)).toThrow(PromQLError);
      expect(() => parseSelector(q)).toThrow(
        expect.objectContaining({ kind: 'parse' }),
      );
    },
  );
});

describe('histogram_quantile', () => {
  it('interpolates linearly inside the bucket, as Prometheus does', () => {
    const bounds = [0.1, 0.2, 0.4, Infinity];
    expect(histogramQuantile(0.5, [50, 100, 100, 100], bounds)).toBeCloseTo(
      0.1,
    );
    expect(histogramQuantile(0.75, [50, 100, 100, 100], bounds)).toBeCloseTo(
      0.15,
    );
    expect(histogramQuantile(0.99, [0, 0, 0, 10], bounds)).toBe(0.4);
    expect(histogramQuantile(0.99, [0, 0, 0, 0], bounds)).toBeNaN();
  });
});
