import { drainFailover, unhealthyFailover } from '../__fixtures__/failover';
import { failoverPhases, isSlowerThanExpected } from './failoverTest';

describe('isSlowerThanExpected', () => {
  it('never flags milliseconds over a bound of "at once"', () => {
    expect(
      isSlowerThanExpected({ measured: 0.035, expectedWithin: 0 }, 0.5),
    ).toBe(false);
  });

  it('allows the bound plus the sampling resolution, and flags beyond it', () => {
    expect(
      isSlowerThanExpected({ measured: 34.9, expectedWithin: 30 }, 5),
    ).toBe(false);
    expect(
      isSlowerThanExpected({ measured: 35.1, expectedWithin: 30 }, 5),
    ).toBe(true);
    // Without a known resolution the slack is one second.
    expect(
      isSlowerThanExpected({ measured: 31.5, expectedWithin: 30 }, undefined),
    ).toBe(true);
  });

  it('says nothing of a phase without a bound or a measurement', () => {
    expect(isSlowerThanExpected({ measured: 500 }, 1)).toBe(false);
    expect(isSlowerThanExpected({ expectedWithin: 0 }, 1)).toBe(false);
  });
});

describe('failoverPhases', () => {
  it("shows the portal's resolver as a phase, never as the RTO", () => {
    const phases = failoverPhases(unhealthyFailover);
    expect(phases.map(p => p.label)).toEqual([
      'Cut',
      'Detection',
      'DNS switch',
      "Portal's resolver served",
    ]);
    expect(phases[3].measured).toBe(33);
    expect(failoverPhases(drainFailover)[0].description).toBe(
      "eastus's Traffic Manager endpoint disabled",
    );
  });
});
