import { FailoverRto } from '@internal/plugin-nt-infra-common';
import { failoverHeadline, FailoverSummaryInput } from './failoverHeadline';

function unhealthyTest(rto: FailoverRto): FailoverSummaryInput {
  return {
    method: 'unhealthy',
    targets: { rtoSeconds: 300, rpoSeconds: 60 },
    measurements: { rto, rtoSeconds: rto.seconds },
  };
}

const fromCounters: FailoverRto = {
  seconds: 72,
  source: 'traffic',
  resolutionSeconds: 15,
  lowerBoundSeconds: 31,
  upperBoundSeconds: 91,
};

describe('failoverHeadline', () => {
  it('says where the RTO came from and between which bounds', () => {
    expect(failoverHeadline(unhealthyTest(fromCounters))).toBe(
      "RTO 72 s — users' request counters, 15 s resolution; bounds 31–91 s",
    );
  });

  it('says how loosely the counters were placed when the clocks were read slowly', () => {
    expect(
      failoverHeadline(
        unhealthyTest({ ...fromCounters, clockUncertaintySeconds: 2.5 }),
      ),
    ).toContain('bounds 31–91 s (counters placed within ±2.5 s)');
    // A few milliseconds are noise beside a 15 s scrape interval.
    expect(
      failoverHeadline(
        unhealthyTest({ ...fromCounters, clockUncertaintySeconds: 0.004 }),
      ),
    ).not.toContain('counters placed');
  });
});
