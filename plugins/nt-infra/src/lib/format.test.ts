import {
  formatAge,
  formatClock,
  formatDateTime,
  formatDuration,
  formatPercent,
  formatRate,
  formatSeconds,
  timeZoneName,
} from './format';

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

  it('writes every date-time one way: 24-hour, month in words, time zone named', () => {
    const at = '2026-12-02T19:05:09Z';
    expect(formatDateTime(at, 'UTC')).toBe('2 Dec 2026, 19:05:09 UTC');
    expect(formatDateTime(at, 'America/New_York')).toBe(
      '2 Dec 2026, 14:05:09 GMT-5',
    );
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatClock(Date.parse(at), { timeZone: 'UTC' })).toBe('19:05');
    expect(
      formatClock(Date.parse(at), { timeZone: 'UTC', seconds: true }),
    ).toBe('19:05:09');
    expect(timeZoneName(Date.parse(at), 'UTC')).toBe('UTC');
  });

  it('says durations in the units people read', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
