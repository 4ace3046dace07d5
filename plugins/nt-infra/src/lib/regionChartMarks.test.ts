import { rolledBackRun, runningRun, runSummary } from '../__fixtures__/chaos';
import { faultInRange, objectiveLines } from './regionChartMarks';

const T0 = Date.parse('2026-12-02T19:00:00Z');
const range = { from: T0, to: T0 + 3_600_000 };
const iso = (ms: number) => new Date(ms).toISOString();

describe('faultInRange', () => {
  it('shades the newest run that overlaps the range, to the range end while it runs', () => {
    const live = runSummary(runningRun, {
      startedAt: iso(T0 + 3_000_000),
      endedAt: undefined,
    });
    const older = runSummary(rolledBackRun, {
      startedAt: iso(T0 + 60_000),
      endedAt: iso(T0 + 120_000),
    });
    expect(faultInRange([live, older], range)).toEqual({
      from: T0 + 3_000_000,
      to: range.to,
      label: `${live.title} (chaos, live)`,
    });
    expect(faultInRange([older], range)).toEqual({
      from: T0 + 60_000,
      to: T0 + 120_000,
      label: `${older.title} (chaos)`,
    });
  });

  it('leaves out runs outside the range and runs that never started', () => {
    const before = runSummary(rolledBackRun, {
      startedAt: iso(T0 - 600_000),
      endedAt: iso(T0 - 60_000),
    });
    const refused = runSummary(rolledBackRun, {
      state: 'rejected',
      startedAt: undefined,
      endedAt: iso(T0 + 60_000),
    });
    expect(faultInRange([refused, before], range)).toBeUndefined();
  });
});

describe('objectiveLines', () => {
  it('draws the objective on availability and the 1× burn on the error ratio', () => {
    expect(objectiveLines('availability', 0.999)).toEqual([
      { value: 0.999, label: 'SLO objective 99.900 %' },
    ]);
    const [line] = objectiveLines('errorRatio', 0.999);
    expect(line.value).toBeCloseTo(0.001);
    expect(line.label).toBe('Budget burn 1× (0.10 %)');
    expect(objectiveLines('latencyP99Seconds', 0.999)).toEqual([]);
    expect(objectiveLines('availability', undefined)).toEqual([]);
  });
});
