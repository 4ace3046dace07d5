import {
  activeMinutes,
  globMatch,
  parseDurationMinutes,
  parseWeeklyCron,
  syncableMinutes,
  weekMinuteLabel,
} from './syncWindows';

const at = (day: number, hour: number, minute = 0) =>
  day * 1440 + hour * 60 + minute;

describe('sync windows over a week', () => {
  it('parses weekly cron schedules and refuses the rest', () => {
    expect([...parseWeeklyCron('0 9 * * 1-5').days]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseWeeklyCron('*/30 8 * * 7').days]).toEqual([0]);
    expect(() => parseWeeklyCron('0 9 1 * *')).toThrow(/must repeat weekly/);
    expect(() => parseWeeklyCron('0 25 * * *')).toThrow(
      /hour '25' is out of range/,
    );
    expect(() => parseWeeklyCron('0 9 * *')).toThrow(/five cron fields/);
  });

  it('parses durations in hours and minutes', () => {
    expect(parseDurationMinutes('8h')).toBe(480);
    expect(parseDurationMinutes('1h30m')).toBe(90);
    expect(() => parseDurationMinutes('8')).toThrow(/not like 8h/);
  });

  it('carries a window that starts late on Saturday into Sunday', () => {
    const active = activeMinutes({
      kind: 'deny',
      schedule: '0 23 * * 6',
      duration: '2h',
    });
    expect(active[at(6, 22, 59)]).toBe(false);
    expect(active[at(6, 23)]).toBe(true);
    expect(active[at(0, 0, 59)]).toBe(true);
    expect(active[at(0, 1)]).toBe(false);
  });

  it('lets deny windows win over allow windows', () => {
    const open = syncableMinutes([
      { kind: 'allow', schedule: '0 9 * * 2', duration: '8h' },
      { kind: 'deny', schedule: '0 12 * * 2', duration: '1h' },
    ]);
    expect(open[at(2, 9)]).toBe(true);
    expect(open[at(2, 12, 30)]).toBe(false);
    expect(open[at(2, 13)]).toBe(true);
    expect(open[at(3, 9)]).toBe(false);
    expect(weekMinuteLabel(at(2, 13, 5))).toBe('Tue 13:05');
  });

  it('matches application globs like Argo CD', () => {
    expect(globMatch('ntai-production-*', 'ntai-production-eastus')).toBe(true);
    expect(globMatch('ntai-production-*', 'ntai-staging-eastus')).toBe(false);
    expect(globMatch('ntai.production', 'ntaixproduction')).toBe(false);
  });
});
