import {
  ClusterReadiness,
  HealthVerdict,
  Observed,
  RegionSlis,
  SloState,
  TrafficManagerEndpoint,
} from '@internal/plugin-nt-infra-common';

/** The thresholds behind a verdict; see monitoring/prometheus for the alerts they mirror. */
export interface VerdictThresholds {
  /** Availability objective, e.g. 0.999. */
  objective: number;
  /** Availability below which the region counts as down. */
  downAvailability: number;
  /** Burn rate of the fast page alert (1h and 5m windows). */
  pageBurnRate: number;
  /** Replication lag that threatens the RPO, in seconds. */
  replicationLagSeconds: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  objective: 0.999,
  downAvailability: 0.9,
  pageBurnRate: 14.4,
  replicationLagSeconds: 30,
};

const RANK: Record<HealthVerdict, number> = {
  healthy: 0,
  unknown: 1,
  degraded: 2,
  down: 3,
};

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio > 0.99 ? 2 : 1)}%`;
}

/**
 * A region's health verdict with its reasons, worst first. Missing or stale
 * data never passes for healthy: it makes the verdict at least `unknown`.
 */
export function regionVerdict(input: {
  endpoint: Observed<TrafficManagerEndpoint>;
  readiness: Observed<ClusterReadiness>;
  slis: Observed<RegionSlis>;
  slo: Observed<SloState>;
  thresholds?: VerdictThresholds;
}): { verdict: HealthVerdict; reasons: string[] } {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const findings: Array<{ level: HealthVerdict; reason: string }> = [];
  const add = (level: HealthVerdict, reason: string) =>
    findings.push({ level, reason });

  const sources: Array<[string, Observed<unknown>]> = [
    ['Traffic Manager endpoint', input.endpoint],
    ['cluster readiness', input.readiness],
    ['SLIs', input.slis],
    ['SLO', input.slo],
  ];
  for (const [name, observed] of sources) {
    if (observed.status !== 'ok') {
      add(
        'unknown',
        `${name} ${observed.status}${
          observed.error ? `: ${observed.error}` : ''
        }`,
      );
    }
  }

  const endpoint = input.endpoint.value;
  if (endpoint) {
    if (endpoint.endpointStatus === 'Disabled') {
      add('degraded', 'Traffic Manager endpoint disabled: it gets no traffic');
    } else if (
      endpoint.endpointMonitorStatus === 'Degraded' ||
      endpoint.endpointMonitorStatus === 'Stopped'
    ) {
      add(
        'down',
        `Traffic Manager probes fail (endpoint ${endpoint.endpointMonitorStatus})`,
      );
    }
  }

  for (const w of input.readiness.value?.workloads ?? []) {
    if (w.desiredReplicas > 0 && w.readyReplicas === 0) {
      add('down', `${w.name}: no pod ready (0/${w.desiredReplicas})`);
    } else if (w.readyReplicas < w.desiredReplicas) {
      add(
        'degraded',
        `${w.name}: ${w.readyReplicas}/${w.desiredReplicas} pods ready`,
      );
    }
  }

  const slis = input.slis.value;
  if (slis && slis.availability === undefined) {
    add('unknown', 'no availability sample: the region reports no traffic');
  }
  if (slis?.availability !== undefined) {
    if (slis.availability < t.downAvailability) {
      add('down', `availability ${percent(slis.availability)} over 5m`);
    } else if (slis.availability < t.objective) {
      add(
        'degraded',
        `availability ${percent(
          slis.availability,
        )} over 5m, below the ${percent(t.objective)} objective`,
      );
    }
  }
  const fast = slis?.burnRates['1h'];
  const confirm = slis?.burnRates['5m'];
  if (fast !== undefined && confirm !== undefined) {
    if (fast > t.pageBurnRate && confirm > t.pageBurnRate) {
      add(
        'degraded',
        `error budget burning ${fast.toFixed(1)}× over 1h (page threshold ${
          t.pageBurnRate
        }×)`,
      );
    }
  }
  if (
    slis?.replicationLagSeconds !== undefined &&
    slis.replicationLagSeconds > t.replicationLagSeconds
  ) {
    add(
      'degraded',
      `replication lag ${slis.replicationLagSeconds.toFixed(0)} s (alert at ${
        t.replicationLagSeconds
      } s, RPO 60 s)`,
    );
  }
  if (input.slo.value?.exhausted) {
    add('degraded', 'error budget exhausted: no experiment may start');
  }

  if (findings.length === 0) {
    return {
      verdict: 'healthy',
      reasons: ['probes online, workloads ready, SLIs within objective'],
    };
  }
  findings.sort((a, b) => RANK[b.level] - RANK[a.level]);
  return {
    verdict: findings[0].level,
    reasons: findings.map(f => f.reason),
  };
}
