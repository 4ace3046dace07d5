import { ConfigReader } from '@backstage/config';
import { readFailoverSettings } from './failoverRunTypes';

describe('readFailoverSettings', () => {
  it('uses the documented defaults', () => {
    expect(readFailoverSettings(new ConfigReader({}))).toEqual({
      holdDownSeconds: 60,
      sustainedSuccesses: 3,
      probeTimeoutMs: 2000,
      maxObservationSeconds: 600,
      rtoSeconds: 300,
      rpoSeconds: 60,
      healthUrls: {},
    });
  });

  it('reads overrides and the health URL of each region that has one', () => {
    const settings = readFailoverSettings(
      new ConfigReader({
        ntInfra: {
          failover: { holdDownSeconds: 5, rtoSeconds: 120 },
          environments: [
            {
              name: 'production',
              regions: [
                { name: 'eastus', healthUrl: 'http://127.0.0.1:7181/healthz' },
                { name: 'westus' },
              ],
            },
          ],
        },
      }),
    );
    expect(settings).toMatchObject({ holdDownSeconds: 5, rtoSeconds: 120 });
    expect(settings.healthUrls).toEqual({
      production: { eastus: 'http://127.0.0.1:7181/healthz' },
    });
  });
});
