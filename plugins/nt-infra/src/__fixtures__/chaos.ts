import {
  ChaosRunPreview,
  ChaosWindow,
  ExperimentsResponse,
  Run,
  RunDetail,
} from '@internal/plugin-nt-infra-common';
import { FIXTURE_NOW } from './regions';

const at = (secondsBeforeNow: number) =>
  new Date(FIXTURE_NOW - secondsBeforeNow * 1000).toISOString();

const availabilityStop = {
  metric: 'ntai:availability:ratio_rate5m',
  op: '<' as const,
  threshold: 0.99,
  for: '1m',
};

/** The library as the sandbox serves it, plus one invalid file. */
export const experiments: ExperimentsResponse = {
  items: [
    {
      id: 'PodChaos/ntai/api-pod-failure-10pct',
      file: 'kubernetes/chaos-experiments/production/api-pod-failure.yaml',
      kind: 'PodChaos',
      namespace: 'ntai',
      name: 'api-pod-failure-10pct',
      title: 'API pod failure (10%)',
      description:
        'Makes 10% of the ntai-api pods unavailable for five minutes.',
      environment: 'production',
      expectedImpact: 'No user-visible impact.',
      stopConditions: [availabilityStop],
      cadence: 'weekly',
      resource: {},
    },
    {
      id: 'NetworkChaos/ntai/api-network-latency',
      file: 'kubernetes/chaos-experiments/staging/api-network-latency.yaml',
      kind: 'NetworkChaos',
      namespace: 'ntai',
      name: 'api-network-latency',
      title: 'API network latency',
      description: 'Adds 200 ms to the egress of all ntai-api pods.',
      environment: 'staging',
      expectedImpact: 'p99 latency rises by about 200 ms.',
      stopConditions: [availabilityStop],
      resource: {},
    },
  ],
  problems: [
    {
      file: 'kubernetes/chaos-experiments/staging/broken.yaml',
      message: 'spec.duration: must be a Go duration',
    },
  ],
};

export const allowedPreview: ChaosRunPreview = {
  allowed: true,
  reasons: [],
  resource: {},
  stopConditions: [availabilityStop],
  blastRadius: [
    {
      region: 'eastus',
      cluster: 'aks-ntai-production-eastus',
      matching: 20,
      targets: [
        { namespace: 'ntai', name: 'ntai-api-7d9f-abcde' },
        { namespace: 'ntai', name: 'ntai-api-7d9f-fghij' },
      ],
      fraction: 0.1,
    },
  ],
  windowId: 'c0ffee00-0000-4000-8000-000000000001',
};

export const refusedPreview: ChaosRunPreview = {
  allowed: false,
  reasons: [
    'production runs need an approved chaos window covering now',
    'eastus: 10% of 3 matching pods selects 0 pods',
  ],
  resource: {},
  stopConditions: [availabilityStop],
  blastRadius: [
    {
      region: 'eastus',
      cluster: 'aks-ntai-production-eastus',
      matching: 3,
      targets: [],
      fraction: 0,
    },
  ],
};

const plans = [
  {
    region: 'eastus',
    cluster: 'aks-ntai-production-eastus',
    matching: 20,
    targets: [{ namespace: 'ntai', name: 'ntai-api-7d9f-abcde' }],
  },
];

export const runningRun: RunDetail = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'chaos',
  environment: 'production',
  regions: ['eastus'],
  state: 'running',
  title: 'API pod failure (10%)',
  experimentRef: 'PodChaos/ntai/api-pod-failure-10pct',
  requestedBy: 'user:default/alice',
  params: { plans, stopConditions: [availabilityStop] },
  outcome: {},
  createdAt: at(120),
  updatedAt: at(60),
  startedAt: at(90),
  transitions: [
    {
      to: 'approved',
      actor: 'user:default/alice',
      reason: 'window approved',
      at: at(120),
    },
    {
      from: 'approved',
      to: 'starting',
      actor: 'reconciler',
      reason: 'applying',
      at: at(100),
    },
    {
      from: 'starting',
      to: 'running',
      actor: 'reconciler',
      reason: 'fault applied',
      at: at(90),
    },
  ],
  steps: [],
};

/** A run the stop conditions rolled back, 1.8 s after the breach was visible. */
export const rolledBackRun: RunDetail = {
  ...runningRun,
  id: '22222222-2222-4222-8222-222222222222',
  state: 'rolled-back',
  startedAt: at(600),
  endedAt: at(300),
  outcome: {
    ending: 'rolled-back',
    endingReason: 'stop condition breached',
    applied: [],
    rollback: {
      evidence: [
        {
          metric: 'ntai:availability:ratio_rate5m',
          region: 'eastus',
          op: '<',
          threshold: 0.99,
          value: 0.971,
          for: '1m',
          query: 'q',
          breachedSince: at(362),
          detectionLatencyMs: 1200,
        },
      ],
      breachVisibleAt: at(302),
      faultRemovedAt: at(300),
      delayMs: 1800,
    },
  },
  transitions: [
    ...runningRun.transitions,
    {
      from: 'running',
      to: 'stopping',
      actor: 'stop-condition-watcher',
      reason: 'availability < 0.99 in eastus',
      at: at(302),
    },
    {
      from: 'stopping',
      to: 'rolled-back',
      actor: 'reconciler',
      reason: 'fault removed',
      at: at(300),
    },
  ],
};

export function runSummary(
  detail: RunDetail,
  overrides: Partial<Run> = {},
): Run {
  const { transitions: _t, steps: _s, ...run } = detail;
  return { ...run, ...overrides };
}

export const requestedWindow: ChaosWindow = {
  id: '33333333-3333-4333-8333-333333333333',
  environment: 'production',
  startsAt: new Date(FIXTURE_NOW + 86_400_000).toISOString(),
  endsAt: new Date(FIXTURE_NOW + 86_400_000 + 7_200_000).toISOString(),
  state: 'requested',
  requestedBy: 'user:default/alice',
  reason: 'Weekly pod-failure drill',
  limits: {
    experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
    regions: ['eastus'],
    maxFraction: 0.1,
    stopConditions: [availabilityStop],
  },
  createdAt: at(600),
  updatedAt: at(600),
};

export const approvedWindow: ChaosWindow = {
  ...requestedWindow,
  id: '44444444-4444-4444-8444-444444444444',
  state: 'approved',
  requestedBy: 'user:default/bob',
  reason: 'Monthly CPU drill',
  decision: {
    actor: 'user:default/alice',
    decision: 'approved',
    reason: 'ok',
    at: at(300),
  },
};
