import { percentAxis, secondsAxis } from './valueAxis';

describe('value axes', () => {
  it('keeps a latency axis reaching past a second in seconds, title and ticks alike', () => {
    const axis = secondsAxis(0, 2.4, 4);
    expect(axis.title).toBe('s');
    expect(axis.ticks.map(axis.label)).toEqual([
      '0.0 s',
      '0.5 s',
      '1.0 s',
      '1.5 s',
      '2.0 s',
    ]);
  });

  it('prints each tick of a narrow availability axis differently', () => {
    const axis = percentAxis(0.9991, 1, 4);
    const labels = axis.ticks.map(axis.label);
    expect(labels).toEqual([
      '99.92 %',
      '99.94 %',
      '99.96 %',
      '99.98 %',
      '100.00 %',
    ]);
  });
});
