import { failoverDetection } from './failover';

describe('failoverDetection', () => {
  it('counts the tolerated failures plus the one that trips, and the last timeout', () => {
    expect(
      failoverDetection({
        protocol: 'HTTPS',
        port: 443,
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 2,
      }),
    ).toEqual({ failures: 3, seconds: 35 });
    expect(
      failoverDetection({
        protocol: 'TCP',
        port: 443,
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 0,
      }),
    ).toEqual({ failures: 1, seconds: 40 });
  });
});
