import { Config } from '@backstage/config';
import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import { ChaosKind } from '../../providers/clusters/ClusterProvider';
import {
  FailoverMeasurement,
  FailoverSample,
  FailoverTarget,
  FailoverTiming,
  PrimaryCutMethod,
  ReplicationLagReading,
  ClockAnchor,
  UserTrafficReading,
} from '../failover';

/**
 * `ntInfra.failover`. All durations are the backend's clock: against a
 * sandbox at speed N they stand for N times as much world time.
 */
export interface FailoverSettings {
  holdDownSeconds: number;
  sustainedSuccesses: number;
  probeTimeoutMs: number;
  maxObservationSeconds: number;
  rtoSeconds: number;
  rpoSeconds: number;
  /** Health URL per environment and region (`ntInfra.environments[].regions[].healthUrl`). */
  healthUrls: Partial<Record<EnvironmentName, Record<string, string>>>;
}

export function readFailoverSettings(config: Config): FailoverSettings {
  const f = config.getOptionalConfig('ntInfra.failover');
  const healthUrls: FailoverSettings['healthUrls'] = {};
  for (const env of config.getOptionalConfigArray('ntInfra.environments') ??
    []) {
    const urls: Record<string, string> = {};
    for (const region of env.getOptionalConfigArray('regions') ?? []) {
      const url = region.getOptionalString('healthUrl');
      if (url) urls[region.getString('name')] = url;
    }
    healthUrls[env.getString('name') as EnvironmentName] = urls;
  }
  return {
    holdDownSeconds: f?.getOptionalNumber('holdDownSeconds') ?? 60,
    sustainedSuccesses: f?.getOptionalNumber('sustainedSuccesses') ?? 3,
    probeTimeoutMs: f?.getOptionalNumber('probeTimeoutMs') ?? 2000,
    maxObservationSeconds: f?.getOptionalNumber('maxObservationSeconds') ?? 600,
    rtoSeconds: f?.getOptionalNumber('rtoSeconds') ?? 300,
    rpoSeconds: f?.getOptionalNumber('rpoSeconds') ?? 60,
    healthUrls,
  };
}

/** The chaos fault of the `unhealthy` method, as created (for cleanup after a crash). */
export interface PrimaryFault {
  cluster: string;
  kind: ChaosKind;
  namespace: string;
  name: string;
}

/**
 * Everything the handler needs, fixed when the test is requested, so a
 * config change or restart mid-test does not change the rules of a run.
 */
export interface FailoverRunParams {
  method: PrimaryCutMethod;
  target: FailoverTarget;
  holdDownSeconds: number;
  sustainedSuccesses: number;
  probeTimeoutMs: number;
  maxObservationSeconds: number;
  rtoTargetSeconds: number;
  rpoTargetSeconds: number;
  /** Present for `unhealthy`: the fault to create in the primary's cluster. */
  fault?: PrimaryFault & { workload: string; durationSeconds: number };
  /** The Idempotency-Key, so a replay is recognised while the test is active. */
  idempotencyKey?: string;
  /** The production window the test was admitted in; the test ends with it. */
  windowId?: string;
  windowEndsAt?: string;
}

/** Why the run is leaving `running`, decided when it does. */
export type FailoverEnding = 'completed' | 'aborted';

/**
 * The run's stored outcome. Samples are appended in batches; the rest is
 * written before the effect it records (cut, restore), so a restarted
 * backend knows what was done.
 */
export interface FailoverRunOutcome {
  /** When the primary was cut, recorded just before cutting it. */
  cut?: { at: string; method: PrimaryCutMethod };
  /** Set once the cut has really been applied. */
  cutApplied?: boolean;
  timing?: FailoverTiming;
  replicationLag?: ReplicationLagReading;
  /** Prometheus' clock against the backend's just before the cut. */
  cutAnchor?: ClockAnchor;
  /** The latest reading of the users' request counters (replaced, not appended). */
  traffic?: UserTrafficReading;
  samples?: FailoverSample[];
  /** When and why sampling for the failover itself stopped. */
  observation?: { endedAt: string; reason: string };
  ending?: FailoverEnding;
  endingReason?: string;
  /**
   * When the primary was given back. `pending` while the enable (or the
   * fault's removal) is recorded but not yet confirmed.
   */
  restore?: { at: string; holdDownSeconds?: number; pending?: boolean } | null;
  /** The final measurement, with verdicts, stored when the run ends. */
  measurement?: FailoverMeasurement;
}
