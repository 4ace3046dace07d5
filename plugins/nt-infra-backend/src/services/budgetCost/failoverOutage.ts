import { expectedTiming, FailoverTiming, PrimaryCutMethod } from '../failover';

export interface FailoverOutage {
  /** Seconds of every request to the primary failing that the test amounts to. */
  outageSeconds: number;
  basis: string;
}

const s = (seconds: number) => `${Math.round(seconds * 10) / 10} s`;

/**
 * The primary's share of a failover test's failures, from the profile's
 * Traffic Manager settings and the test's own timing.
 *
 * `unhealthy`: worst case, every request to the primary fails from the cut
 * until Traffic Manager has marked it Degraded (probe interval × (tolerated
 * failures + 1) + probe timeout) and the last cached DNS answer has expired
 * (TTL). After that only health checks reach it, and they keep failing until
 * the primary is given back (at most the observation time plus the
 * hold-down); the recording rules count them too, at their share of the
 * region's requests.
 *
 * `disable-endpoint` is a drain: the primary stays healthy and serves every
 * client still holding its answer, so no request is expected to fail.
 */
export function failoverOutage(input: {
  method: PrimaryCutMethod;
  timing: FailoverTiming;
  holdDownSeconds: number;
  maxObservationSeconds: number;
  /** Health checks' share of the primary's requests; undefined when unknown. */
  healthCheckShare?: number;
}): FailoverOutage {
  const { method, timing } = input;
  if (method === 'disable-endpoint') {
    return {
      outageSeconds: 0,
      basis: `disable-endpoint is a drain: the primary stays healthy and serves clients with a cached answer for up to the ${s(
        timing.ttlSeconds,
      )} TTL, so no request is expected to fail`,
    };
  }
  const expected = expectedTiming(method, timing);
  const users = expected.usersRecoveredWithinSeconds;
  const faultSeconds = Math.max(
    users,
    input.maxObservationSeconds + input.holdDownSeconds,
  );
  const share = input.healthCheckShare;
  const afterwards = (faultSeconds - users) * (share ?? 0);
  const detection = `${s(timing.intervalInSeconds)} probe interval × (${
    timing.toleratedNumberOfFailures
  } tolerated failures + 1) + ${s(timing.timeoutInSeconds)} probe timeout`;
  const healthChecks =
    share === undefined
      ? `; the health checks that keep failing until it is given back are not counted (their share of the requests could not be read)`
      : `, then health checks (${(share * 100).toFixed(
          1,
        )} % of its requests) fail until it is given back, at most ${s(
          faultSeconds - users,
        )} later (observation ${s(input.maxObservationSeconds)} + hold-down ${s(
          input.holdDownSeconds,
        )})`;
  return {
    outageSeconds: users + afterwards,
    basis: `every request to the primary fails for ${s(
      users,
    )}: detection (${detection}) + ${s(
      timing.ttlSeconds,
    )} DNS TTL${healthChecks}`,
  };
}
