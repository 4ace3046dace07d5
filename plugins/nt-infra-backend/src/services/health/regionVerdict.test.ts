import {
  ClusterReadiness,
  Observed,
  RegionSlis,
  SloState,
  TrafficManagerEndpoint,
} from '@internal/plugin-nt-infra-common';
import { regionVerdict } from './regionVerdict';

const at = '2026-11-26T10:00:00.000Z';
const ok = <T>(value: T): Observed<T> => ({
  status: 'ok',
  value,
  observedAt: at,
});

const online: TrafficManagerEndpoint = {
  name: 'eastus',
  type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
  endpointStatus: 'Enabled',
  endpointMonitorStatus: 'Online',
  priority: 1,
};
const ready: ClusterReadiness = {
  name: 'aks-ntai-production-eastus',
  workloads: [
    {
      namespace: 'ntai',
      name: 'ntai-api',
      desiredReplicas: 3,
      readyReplicas: 3,
    },
    {
      namespace: 'ntai',
      name: 'ntai-web',
      desiredReplicas: 2,
      readyReplicas: 2,
    },
  ],
  pods: { total: 5, ready: 5 },
};
const good: RegionSlis = {
  requestRatePerSecond: 120,
  errorRatio: 0.0002,
  latencyP99Seconds: 0.18,
  availability: 0.9998,
  replicationLagSeconds: 2,
  burnRates: { '5m': 0.2, '1h': 0.3 },
};
const budget: SloState = {
  objective: 0.999,
  errorBudgetRemaining: 0.8,
  exhausted: false,
};

function verdictOf(
  overrides: Partial<Parameters<typeof regionVerdict>[0]> = {},
) {
  return regionVerdict({
    endpoint: ok(online),
    readiness: ok(ready),
    slis: ok(good),
    slo: ok(budget),
    ...overrides,
  });
}

describe('regionVerdict', () => {
  it('is healthy when every signal is fresh and within bounds', () => {
    expect(verdictOf()).toEqual({
      verdict: 'healthy',
      reasons: ['probes online, workloads ready, SLIs within objective'],
    });
  });

  it('is down when Traffic Manager probes fail', () => {
    const result = verdictOf({
      endpoint: ok({ ...online, endpointMonitorStatus: 'Degraded' }),
    });
    expect(result.verdict).toBe('down');
    expect(result.reasons[0]).toMatch(/probes fail/);
  });

  it('is down when a workload has no ready pod, degraded when some are missing', () => {
    const none = verdictOf({
      readiness: ok({
        ...ready,
        workloads: [{ ...ready.workloads[0], readyReplicas: 0 }],
      }),
    });
    expect(none).toMatchObject({ verdict: 'down' });
    expect(none.reasons).toContain('ntai-api: no pod ready (0/3)');

    const some = verdictOf({
      readiness: ok({
        ...ready,
        workloads: [{ ...ready.workloads[0], readyReplicas: 2 }],
      }),
    });
    expect(some).toEqual({
      verdict: 'degraded',
      reasons: ['ntai-api: 2/3 pods ready'],
    });
  });

  it('is degraded below the availability objective and down far below it', () => {
    expect(verdictOf({ slis: ok({ ...good, availability: 0.995 }) })).toEqual({
      verdict: 'degraded',
      reasons: ['availability 99.50% over 5m, below the 99.90% objective'],
    });
    expect(
      verdictOf({ slis: ok({ ...good, availability: 0.5 }) }).verdict,
    ).toBe('down');
  });

  it('flags a fast error-budget burn only when both windows exceed the page threshold', () => {
    expect(
      verdictOf({ slis: ok({ ...good, burnRates: { '1h': 20, '5m': 3 } }) })
        .verdict,
    ).toBe('healthy');
    const burning = verdictOf({
      slis: ok({ ...good, burnRates: { '1h': 20, '5m': 30 } }),
    });
    expect(burning.verdict).toBe('degraded');
    expect(burning.reasons[0]).toMatch(/burning 20\.0× over 1h/);
  });

  it('flags replication lag that threatens the RPO and an exhausted budget', () => {
    const result = verdictOf({
      slis: ok({ ...good, replicationLagSeconds: 45 }),
      slo: ok({ ...budget, errorBudgetRemaining: -0.1, exhausted: true }),
    });
    expect(result.verdict).toBe('degraded');
    expect(result.reasons).toEqual([
      'replication lag 45 s (alert at 30 s, RPO 60 s)',
      'error budget exhausted: no experiment may start',
    ]);
  });

  it('never calls a region healthy on missing or stale data', () => {
    const missing = verdictOf({
      readiness: { status: 'unavailable', error: 'connect ECONNREFUSED' },
    });
    expect(missing).toEqual({
      verdict: 'unknown',
      reasons: ['cluster readiness unavailable: connect ECONNREFUSED'],
    });
    const stale = verdictOf({
      slis: { status: 'stale', value: good, observedAt: at, error: 'timeout' },
    });
    expect(stale.verdict).toBe('unknown');
  });

  it('does not call a region without an availability sample healthy', () => {
    const { availability: _ignored, ...noAvailability } = good;
    expect(verdictOf({ slis: ok(noAvailability) })).toEqual({
      verdict: 'unknown',
      reasons: ['no availability sample: the region reports no traffic'],
    });
  });

  it('orders reasons worst first', () => {
    const result = verdictOf({
      endpoint: { status: 'unavailable', error: 'ARM 503' },
      readiness: ok({
        ...ready,
        workloads: [
          { ...ready.workloads[0], readyReplicas: 2 },
          { ...ready.workloads[1], readyReplicas: 0 },
        ],
      }),
    });
    expect(result.verdict).toBe('down');
    expect(result.reasons).toEqual([
      'ntai-web: no pod ready (0/2)',
      'ntai-api: 2/3 pods ready',
      'Traffic Manager endpoint unavailable: ARM 503',
    ]);
  });
});
