import { RunDetail } from '@internal/plugin-nt-infra-common';
import { FailoverSample } from '../failover';
import { failoverTestView } from './failoverTestView';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';

const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** A sample of a drained primary: disabled, its own app answering (or not). */
function sample(t: number, primaryUp = true): FailoverSample {
  return {
    at: iso(t),
    trafficManager: {
      ok: true,
      latencyMs: 0,
      primary: { endpointStatus: 'Disabled', monitorStatus: 'Disabled' },
      secondary: { endpointStatus: 'Enabled', monitorStatus: 'Online' },
      routesTo: 'secondary',
    },
    dns: {
      ok: true,
      latencyMs: 0,
      answers: 'secondary',
      cname: 'ntai-secondary',
      ttl: 60,
    },
    probes: {
      primary: primaryUp
        ? { ok: true, status: 200, latencyMs: 0 }
        : { ok: false, status: 503, latencyMs: 0 },
      secondary: { ok: true, status: 200, latencyMs: 0 },
    },
  };
}

const params: Partial<FailoverRunParams> = {
  method: 'disable-endpoint',
  holdDownSeconds: 60,
  target: {
    profile: {
      subscriptionId: 'sub',
      resourceGroup: 'rg',
      profileName: 'tm-ntai-staging',
      resourceId: '/subscriptions/sub/resourceGroups/rg/providers/x/tm',
    },
    primary: {
      region: 'eastus',
      endpoint: 'eastus',
      healthUrl: 'https://eastus.example/healthz',
    },
    secondary: {
      region: 'westus',
      endpoint: 'westus',
      healthUrl: 'https://westus.example/healthz',
    },
  },
  rtoTargetSeconds: 300,
  rpoTargetSeconds: 60,
};

function run(
  state: RunDetail['state'],
  outcome: FailoverRunOutcome,
  overrides: Partial<FailoverRunParams> = {},
): RunDetail {
  return {
    id: 'run-1',
    kind: 'failover',
    environment: 'staging',
    regions: ['eastus', 'westus'],
    state,
    title: 'Failover eastus → westus',
    requestedBy: 'user:default/alice',
    params: { ...params, ...overrides } as Record<string, unknown>,
    outcome: outcome as Record<string, unknown>,
    createdAt: iso(-5),
    updatedAt: iso(40),
    startedAt: iso(-4),
    transitions: [
      {
        from: 'running',
        to: state,
        actor: 'system',
        reason: 'users moved',
        at: iso(30),
      },
    ],
    steps: [],
  };
}

const cut = { at: iso(0), method: 'disable-endpoint' as const };

describe('failover test view: hold-down', () => {
  it('counts down from the start of the primary’s healthy stretch while it is held out', () => {
    // Unhealthy at 10 s, healthy again from 20 s: the hold-down ends 60 s later.
    const samples = [0, 10, 20, 30, 40].map(t => sample(t, t !== 10));
    const view = failoverTestView(run('stopping', { cut, samples }));
    expect(view.holdDown).toEqual({
      requiredSeconds: 60,
      healthySince: iso(20),
      endsAt: iso(80),
    });
  });

  it('says what it waits for while the primary is unhealthy, with no end time', () => {
    const samples = [0, 10].map(t => sample(t, false));
    const view = failoverTestView(run('stopping', { cut, samples }));
    expect(view.holdDown).toEqual({
      requiredSeconds: 60,
      reason: 'primary health probe failed (503)',
    });
  });

  it('is absent once the primary is given back, while running, after an abort and for the unhealthy method', () => {
    const samples = [0, 10].map(t => sample(t));
    expect(
      failoverTestView(
        run('stopping', { cut, samples, restore: { at: iso(70) } }),
      ).holdDown,
    ).toBeUndefined();
    expect(
      failoverTestView(run('running', { cut, samples })).holdDown,
    ).toBeUndefined();
    expect(
      failoverTestView(run('stopping', { cut, samples, ending: 'aborted' }))
        .holdDown,
    ).toBeUndefined();
    expect(
      failoverTestView(
        run(
          'stopping',
          { cut: { at: iso(0), method: 'unhealthy' }, samples },
          { method: 'unhealthy' },
        ),
      ).holdDown,
    ).toBeUndefined();
  });

  it('keeps counting while the restore is recorded but not yet confirmed', () => {
    const samples = [0, 10].map(t => sample(t));
    const view = failoverTestView(
      run('stopping', {
        cut,
        samples,
        restore: { at: iso(60), holdDownSeconds: 60, pending: true },
      }),
    );
    expect(view.holdDown?.endsAt).toBe(iso(60));
  });
});
