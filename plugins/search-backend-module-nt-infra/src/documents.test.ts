import type {
  Experiment,
  FailoverTestView,
  GameDayReport,
  Run,
} from '@internal/plugin-nt-infra-common';
import { experimentDocument, runDocument } from './documents';

const GAMEDAY_ID = '55555555-5555-4555-8555-555555555555';
const FAILOVER_ID = '66666666-6666-4666-8666-666666666666';
const CHAOS_ID = '77777777-7777-4777-8777-777777777777';

function run(overrides: Partial<Run>): Run {
  return {
    id: CHAOS_ID,
    kind: 'chaos',
    environment: 'production',
    regions: ['eastus'],
    state: 'completed',
    title: 'API pod failure (10%)',
    requestedBy: 'user:default/alice',
    params: {},
    createdAt: '2025-06-01T11:58:00.000Z',
    updatedAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

const report: GameDayReport = {
  gameDay: {
    id: GAMEDAY_ID,
    title: 'Lose East US',
    scenario: 'region-loss',
    environment: 'production',
    regions: ['eastus', 'westus'],
    requestedBy: 'user:default/alice',
    state: 'completed',
    createdAt: '2025-06-01T11:58:00.000Z',
  },
  outcome: {
    state: 'completed',
    verdict: 'failed',
    reason: 'step slo-holds failed',
    failedSteps: ['slo-holds'],
  },
  steps: [
    { seq: 1, name: 'failover', type: 'failover', state: 'passed', notes: [] },
    {
      seq: 2,
      name: 'slo-holds',
      type: 'check',
      state: 'failed',
      error: 'availability 0.97 < 0.99 in westus',
      notes: [],
    },
  ],
  notes: [
    {
      at: '2025-06-01T11:59:00.000Z',
      author: 'user:default/bob',
      text: 'DNS flipped',
      step: 'failover',
    },
  ],
};

const failover: FailoverTestView = {
  id: FAILOVER_ID,
  state: 'completed',
  environment: 'production',
  fromRegion: 'eastus',
  toRegion: 'westus',
  method: 'unhealthy',
  requestedBy: 'user:default/alice',
  createdAt: '2025-06-01T11:58:00.000Z',
  holdDownSeconds: 60,
  reason: 'recovered within the RTO target',
  targets: { rtoSeconds: 300, rpoSeconds: 60 },
  measurements: { rtoSeconds: 72.4, rpoSeconds: 0 },
  verdicts: { rto: 'passed', rpo: 'passed', overall: 'passed' },
  samples: { count: 10 },
};

describe('search documents', () => {
  it("a GameDay: its report's outcome, failed steps with their error, and notes", () => {
    const document = runDocument(
      run({
        id: GAMEDAY_ID,
        kind: 'gameday',
        title: 'Lose East US',
        regions: ['eastus', 'westus'],
      }),
      { kind: 'gameday', report },
    );
    expect(document).toMatchObject({
      title: 'Lose East US',
      location: `/nt-infra/history?run=${GAMEDAY_ID}`,
      runKind: 'gameday',
      regions: ['eastus', 'westus'],
    });
    expect(document.text).toContain('GameDay in production (eastus, westus)');
    expect(document.text).toContain('scenario region-loss');
    expect(document.text).toContain(
      'Outcome: completed, failed (step slo-holds failed).',
    );
    expect(document.text).toContain('Failed steps: slo-holds.');
    expect(document.text).toContain(
      'slo-holds (check, failed: availability 0.97 < 0.99 in westus)',
    );
    expect(document.text).toContain('Note on failover: DNS flipped');
  });

  it('a failover test: RTO and RPO against their targets, verdicts and reason', () => {
    const { text } = runDocument(run({ id: FAILOVER_ID, kind: 'failover' }), {
      kind: 'failover',
      view: failover,
    });
    expect(text).toContain(
      'Failover test from eastus to westus in production (unhealthy).',
    );
    expect(text).toContain('RTO 72 s against a target of 300 s (passed).');
    expect(text).toContain('RPO 0 s against a target of 60 s (passed).');
    expect(text).toContain('Overall: passed.');
    expect(text).toContain('Reason: recovered within the RTO target.');
  });

  it('a planned drain: when users moved, not an RTO', () => {
    const { text } = runDocument(run({ id: FAILOVER_ID, kind: 'failover' }), {
      kind: 'failover',
      view: {
        ...failover,
        method: 'disable-endpoint',
        measurements: { drain: { movedSeconds: 41, source: 'traffic' } },
        verdicts: undefined,
      },
    });
    expect(text).toContain(
      'Planned drain: users moved after 41 s (RTO target 300 s).',
    );
    expect(text).toContain('RPO not measured against a target of 60 s.');
  });

  it('a chaos run: its experiment, workload, targets and why it ended', () => {
    const { text } = runDocument(
      run({
        experimentRef: 'PodChaos/ntai/api-pod-failure-10pct',
        entityRef: 'component:default/ntai-api',
        state: 'rolled-back',
        params: {
          resource: {
            spec: {
              selector: {
                namespaces: ['ntai'],
                labelSelectors: { app: 'ntai-api' },
              },
            },
          },
        },
        outcome: { endingReason: 'stop condition ntai:slo_burn_rate:5m held' },
      }),
    );
    expect(text).toContain('Chaos run in production (eastus), rolled-back.');
    expect(text).toContain('Experiment PodChaos/ntai/api-pod-failure-10pct.');
    expect(text).toContain('Workload component:default/ntai-api.');
    expect(text).toContain('Targets app=ntai-api, ntai.');
    expect(text).toContain(
      'Outcome: stop condition ntai:slo_burn_rate:5m held.',
    );
  });

  it('an experiment: what it does and to what, linking to the Chaos tab', () => {
    const experiment: Experiment = {
      id: 'NetworkChaos/ntai/api-network-latency',
      file: 'kubernetes/chaos-experiments/production/api-network-latency.yaml',
      kind: 'NetworkChaos',
      namespace: 'ntai',
      name: 'api-network-latency',
      title: 'API network latency',
      description: 'Adds 200 ms to the egress of all ntai-api pods.',
      environment: 'production',
      region: 'westus',
      expectedImpact: 'p99 latency rises by about 200 ms.',
      stopConditions: [
        {
          metric: 'ntai:availability:ratio_rate5m',
          op: '<',
          threshold: 0.99,
          for: '1m',
        },
      ],
      cadence: 'weekly',
      resource: {},
    };
    const document = experimentDocument(experiment);
    expect(document).toMatchObject({
      title: 'API network latency',
      location:
        '/nt-infra/chaos?experiment=NetworkChaos%2Fntai%2Fapi-network-latency',
      experimentId: experiment.id,
      environment: 'production',
      region: 'westus',
    });
    expect(document.text).toContain(
      'NetworkChaos api-network-latency in namespace ntai, production (westus).',
    );
    expect(document.text).toContain('Expected impact: p99 latency rises');
    expect(document.text).toContain(
      'Stop conditions: ntai:availability:ratio_rate5m < 0.99 for 1m.',
    );
  });
});
