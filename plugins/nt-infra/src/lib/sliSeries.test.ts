import { StopCondition } from '@internal/plugin-nt-infra-common';
import { thresholdsFor } from './sliSeries';

const conditions: StopCondition[] = [
  {
    metric: 'ntai:availability:ratio_rate5m',
    op: '<',
    threshold: 0.99,
    for: '1m',
  },
  { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '1m' },
  { metric: 'ntai:slo_burn_rate:1h', op: '>', threshold: 6, for: '5m' },
  {
    metric: 'ntai:db_replication_lag_seconds:max',
    op: '>',
    threshold: 30,
    for: '1m',
  },
];

describe('thresholdsFor', () => {
  it('draws a condition on its own series, in the series unit', () => {
    expect(thresholdsFor('availability', conditions)).toEqual([
      { value: 0.99, label: 'Stop if < 99.000 % for 1m' },
    ]);
    expect(thresholdsFor('latencyP99Seconds', conditions)).toEqual([]);
  });

  it('draws the 5-minute burn rate on the error ratio once the objective is known', () => {
    expect(thresholdsFor('errorRatio', conditions)).toEqual([]);
    const [line] = thresholdsFor('errorRatio', conditions, 0.999);
    expect(line.value).toBeCloseTo(0.0144, 6);
    expect(line.label).toBe('Stop if burn rate > 14.4× (1.44 %) for 1m');
  });
});
