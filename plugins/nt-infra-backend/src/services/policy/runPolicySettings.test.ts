import { ConfigReader } from '@backstage/config';
import { PRODUCTION_MAX_FRACTION } from '@internal/iac-validation';
import { readRunPolicySettings } from './runPolicySettings';

describe('readRunPolicySettings', () => {
  it('uses the documented defaults; the production limit is the validators’', () => {
    expect(readRunPolicySettings(new ConfigReader({}))).toEqual({
      productionMaxFraction: PRODUCTION_MAX_FRACTION,
      productionMaxDurationSeconds: 3600,
      failoverRequiresWindow: true,
    });
  });

  it('reads overrides', () => {
    expect(
      readRunPolicySettings(
        new ConfigReader({
          ntInfra: {
            runs: {
              productionMaxFraction: 0.05,
              productionMaxDurationSeconds: 600,
            },
            failover: { productionRequiresWindow: false },
          },
        }),
      ),
    ).toEqual({
      productionMaxFraction: 0.05,
      productionMaxDurationSeconds: 600,
      failoverRequiresWindow: false,
    });
  });

  it('refuses to raise the production limit above what the validators check', () => {
    expect(() =>
      readRunPolicySettings(
        new ConfigReader({ ntInfra: { runs: { productionMaxFraction: 0.5 } } }),
      ),
    ).toThrow(/productionMaxFraction must be greater than 0 and at most 0.1/);
  });
});
