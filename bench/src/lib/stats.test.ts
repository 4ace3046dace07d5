import { formatSpread, quantile, spread } from './stats';

describe('stats', () => {
  it('interpolates quantiles between the closest ranks', () => {
    const values = [10, 1, 4, 3, 2];
    expect(quantile(values, 0.5)).toBe(3);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(10);
    // 95th of 5 values: 80 % of the way from the 4th (4) to the 5th (10).
    expect(quantile(values, 0.95)).toBeCloseTo(8.8);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('gives the median with its spread, ignoring values that are not numbers', () => {
    expect(spread([5, 1, NaN, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(formatSpread(spread([5, 1, 3]), 'ms')).toBe('3 ms (1–5, n=3)');
    expect(formatSpread(spread([2]), 's')).toBe('2 s');
  });
});
