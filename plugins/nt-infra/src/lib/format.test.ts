import { formatAge, formatPercent, formatRate, formatSeconds } from './format';

describe('format', () => {
  it('says how old a reading is in the largest sensible unit', () => {
    expect(formatAge(200)).toBe('just now');
    expect(formatAge(5_000)).toBe('5 s ago');
    expect(formatAge(185_000)).toBe('3 min ago');
    expect(formatAge(2 * 3_600_000)).toBe('2 h ago');
    expect(formatAge(5 * 86_400_000)).toBe('5 d ago');
    expect(formatAge(-3_000)).toBe('just now');
  });

  it('formats ratios, durations and rates, with a dash when there is no value', () => {
    expect(formatPercent(0.0012)).toBe('0.12 %');
    expect(formatPercent(0.9988)).toBe('99.88 %');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(NaN)).toBe('—');
    expect(formatSeconds(0.245)).toBe('245 ms');
    expect(formatSeconds(2.5)).toBe('2.5 s');
    expect(formatSeconds(42)).toBe('42 s');
    expect(formatRate(120.4)).toBe('120 req/s');
    expect(formatRate(0)).toBe('0.00 req/s');
  });
});
