import { TrafficManagerProfile } from '@internal/plugin-nt-infra-common';

/** How fast Traffic Manager notices a dead endpoint, derived from its monitor settings. */
export interface FailoverDetection {
  /** Consecutive failed probes before the endpoint is marked Degraded. */
  failures: number;
  /** Worst-case seconds from the outage to Degraded. */
  seconds: number;
}

/**
 * Traffic Manager marks an endpoint Degraded once more than
 * `toleratedNumberOfFailures` consecutive probes fail. In the worst case the
 * outage starts just after a probe, so it takes one interval to the first
 * failing probe, `failures - 1` more intervals to the last one, and that last
 * probe's timeout before it counts: `failures × interval + timeout`.
 * Clients then keep the old answer for up to the DNS TTL, which is shown apart.
 */
export function failoverDetection(
  monitor: TrafficManagerProfile['monitorConfig'],
): FailoverDetection {
  const failures = monitor.toleratedNumberOfFailures + 1;
  return {
    failures,
    seconds: failures * monitor.intervalInSeconds + monitor.timeoutInSeconds,
  };
}
