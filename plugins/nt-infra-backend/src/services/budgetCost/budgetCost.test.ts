import { costOfOutage, sloBudget, summariseCost } from './budgetArithmetic';
import { failoverOutage } from './failoverOutage';
import { faultFailureShare } from './faultFailureShare';

const timing = {
  intervalInSeconds: 10,
  timeoutInSeconds: 5,
  toleratedNumberOfFailures: 2,
  ttlSeconds: 60,
};

describe('error-budget arithmetic', () => {
  it('prices a minute of full outage at 1/43.2 of a 30-day 99.9% budget', () => {
    const slo = sloBudget(0.999, '30d');
    expect(slo.budgetSeconds).toBeCloseTo(2592, 6);
    expect(costOfOutage(60, slo)).toBeCloseTo(0.02315, 5);
    // The same minute against a 3-day window costs ten times as much.
    expect(costOfOutage(60, sloBudget(0.999, '3d'))).toBeCloseTo(0.2315, 4);
  });

  it('adds the items per region and warns when the budget would be spent', () => {
    const slo = sloBudget(0.999, '30d');
    const estimate = summariseCost({
      environment: 'staging',
      slo,
      regions: ['eastus', 'westus', 'centralus'],
      items: [
        {
          step: 'a',
          kind: 'chaos',
          region: 'eastus',
          outageSeconds: 60,
          cost: 0.02,
          basis: '',
        },
        {
          step: 'b',
          kind: 'failover',
          region: 'eastus',
          outageSeconds: 90,
          cost: 0.03,
          basis: '',
        },
        {
          step: 'c',
          kind: 'chaos',
          region: 'westus',
          outageSeconds: 60,
          cost: 0.02,
          basis: '',
        },
      ],
      remaining: { eastus: 0.04, westus: 0.5, centralus: undefined },
      assumption: 'worst case',
    });
    expect(estimate.regions[0]).toEqual({
      region: 'eastus',
      cost: 0.05,
      remaining: 0.04,
      after: expect.closeTo(-0.01, 9),
      exhausts: true,
    });
    expect(estimate.regions[1]).toMatchObject({ cost: 0.02, exhausts: false });
    expect(estimate.regions[2]).toEqual({
      region: 'centralus',
      cost: 0,
      exhausts: false,
    });
    expect(estimate.exhausts).toBe(true);
  });
});

describe('failoverOutage', () => {
  it('fails every request to an unhealthy primary until detection + TTL, then the health checks until it is given back', () => {
    const outage = failoverOutage({
      method: 'unhealthy',
      timing,
      holdDownSeconds: 60,
      maxObservationSeconds: 600,
      healthCheckShare: 0.02,
    });
    // 10 × (2 + 1) + 5 = 35 s to Degraded, + 60 s TTL; then 2% of (660 − 95) s.
    expect(outage.outageSeconds).toBeCloseTo(95 + 0.02 * 565, 6);
    expect(outage.basis).toContain('60 s DNS TTL');
    expect(outage.basis).toContain('2.0 % of its requests');
  });

  it('says so when the health checks’ share is unknown', () => {
    const outage = failoverOutage({
      method: 'unhealthy',
      timing,
      holdDownSeconds: 60,
      maxObservationSeconds: 600,
    });
    expect(outage.outageSeconds).toBe(95);
    expect(outage.basis).toContain('not counted');
  });

  it('expects nothing to fail while a disabled (healthy) primary drains', () => {
    expect(
      failoverOutage({
        method: 'disable-endpoint',
        timing,
        holdDownSeconds: 60,
        maxObservationSeconds: 600,
      }).outageSeconds,
    ).toBe(0);
  });
});

describe('faultFailureShare', () => {
  it('fails all of a failed pod’s requests, none for latency, the loss percentage for loss', () => {
    expect(
      faultFailureShare({ kind: 'PodChaos', spec: { action: 'pod-failure' } })
        .share,
    ).toBe(1);
    expect(
      faultFailureShare({ kind: 'NetworkChaos', spec: { action: 'delay' } })
        .share,
    ).toBe(0);
    expect(
      faultFailureShare({
        kind: 'NetworkChaos',
        spec: { action: 'loss', loss: { loss: '25' } },
      }).share,
    ).toBe(0.25);
    expect(
      faultFailureShare({ kind: 'StressChaos', spec: { stressors: {} } }).share,
    ).toBe(1);
  });
});
