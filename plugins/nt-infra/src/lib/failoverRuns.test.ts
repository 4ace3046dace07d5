import { failoverRuns } from '../__fixtures__/failover';
import { failoverRunSummary, failoverTrends, rtoOfRun } from './failoverRuns';

describe('failoverRunSummary', () => {
  it('reads the RTO and its source of an unhealthy test', () => {
    const [run] = failoverRuns([72], { environment: 'staging' });
    expect(failoverRunSummary(run)).toEqual({
      environment: 'staging',
      method: 'unhealthy',
      rtoSeconds: 72,
      rtoSource: 'traffic',
      targetSeconds: 300,
    });
  });

  it('gives a planned drain no RTO, even one an older portal stored', () => {
    const [run] = failoverRuns([63], { method: 'disable-endpoint' });
    const stored = {
      ...run,
      outcome: {
        measurement: {
          ...(run.outcome!.measurement as object),
          rto: { seconds: 0.034 },
        },
      },
    };
    expect(failoverRunSummary(stored)).toMatchObject({
      method: 'disable-endpoint',
      movedSeconds: 63,
      failedRequests: 0,
    });
    expect(rtoOfRun(stored).rtoSeconds).toBeUndefined();
  });

  it("labels an RTO stored without a source as the portal's resolver", () => {
    expect(
      failoverRunSummary({
        environment: 'production',
        params: {},
        outcome: { measurement: { rto: { seconds: 19 } } },
      }).rtoSource,
    ).toBe('resolver');
  });
});

describe('failoverTrends', () => {
  it('draws one line per environment and method, oldest first', () => {
    const trends = failoverTrends([
      ...failoverRuns([40, 55]),
      ...failoverRuns([70, 80], { environment: 'staging' }),
      ...failoverRuns([61], { method: 'disable-endpoint' }),
    ]);
    expect(trends.map(t => [t.label, t.points.map(p => p.v)])).toEqual([
      ['Users moved, production · planned drain', [61]],
      ['RTO, production · unhealthy', [55, 40]],
      ['RTO, staging · unhealthy', [80, 70]],
    ]);
  });
});
