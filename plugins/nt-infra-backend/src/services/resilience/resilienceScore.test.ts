import { Run, RunState } from '@internal/plugin-nt-infra-common';
import {
  computeResilienceScore,
  ResilienceInput,
  resilienceTrend,
  WEIGHTS,
} from './resilienceScore';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const TARGETS = { rtoSeconds: 300, rpoSeconds: 60 };
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

let seq = 0;
function run(
  kind: Run['kind'],
  state: RunState,
  endedDaysAgo: number,
  extra: Partial<Run> = {},
): Run {
  seq += 1;
  const endedAt = daysAgo(endedDaysAgo);
  return {
    id: `run-${seq}`,
    kind,
    environment: 'production',
    regions: ['eastus'],
    state,
    title: `${kind} ${seq}`,
    requestedBy: 'user:default/alice',
    params: {},
    createdAt: daysAgo(endedDaysAgo + 0.1),
    updatedAt: endedAt,
    startedAt: daysAgo(endedDaysAgo + 0.05),
    endedAt,
    ...extra,
  };
}

function chaos(
  kind: 'PodChaos' | 'NetworkChaos' | 'StressChaos',
  state: RunState,
  endedDaysAgo: number,
  outcome?: Record<string, unknown>,
) {
  return run('chaos', state, endedDaysAgo, {
    params: { resource: { kind } },
    ...(outcome ? { outcome } : {}),
  });
}

function failover(
  state: RunState,
  endedDaysAgo: number,
  measurement: Record<string, unknown>,
) {
  return run('failover', state, endedDaysAgo, { outcome: { measurement } });
}

const measured = (rto: number, rpo: number) => ({
  targets: TARGETS,
  rto: { seconds: rto, source: 'traffic' },
  rpo: { seconds: rpo, timestamp: daysAgo(1) },
});

function input(chaosRuns: Run[], failoverRuns: Run[] = []): ResilienceInput {
  return { chaosRuns, failoverRuns, targets: TARGETS };
}

const reason = (
  result: ReturnType<typeof computeResilienceScore>,
  id: string,
) => result.reasons.find(r => r.id === id)!;

describe('computeResilienceScore', () => {
  it('gives a service with no history only the untouched error budget', () => {
    const result = computeResilienceScore(input([]), NOW);
    expect(result.score).toBe(WEIGHTS.errorBudget);
    expect(result.reasons.map(r => [r.id, r.points])).toEqual([
      ['mode-pod', 0],
      ['mode-network', 0],
      ['mode-stress', 0],
      ['mode-region-failover', 0],
      ['rto', 0],
      ['rpo', 0],
      ['error-budget', 20],
    ]);
    // Every weight says why it is what it is.
    for (const r of result.reasons)
      expect(r.weightReason.length).toBeGreaterThan(40);
    expect(result.reasons.reduce((s, r) => s + r.maxPoints, 0)).toBe(100);
  });

  it('scores 100 when every mode passed and the last failover met both targets', () => {
    const runs = [
      chaos('PodChaos', 'completed', 3),
      chaos('NetworkChaos', 'completed', 4),
      chaos('StressChaos', 'completed', 5),
    ];
    const result = computeResilienceScore(
      input(runs, [failover('completed', 2, measured(42, 5))]),
      NOW,
    );
    expect(result.score).toBe(100);
    expect(reason(result, 'rto').evidence).toEqual([
      expect.objectContaining({
        kind: 'failover',
        note: 'RTO 42 s (target 300 s)',
        at: daysAgo(2),
      }),
    ]);
  });

  it('gives a passed mode its full weight, with the run as evidence', () => {
    const pod = chaos('PodChaos', 'completed', 3);
    const result = computeResilienceScore(input([pod]), NOW);
    expect(reason(result, 'mode-pod')).toMatchObject({
      points: WEIGHTS.mode,
      evidence: [{ runId: pod.id, at: pod.endedAt, note: 'passed' }],
    });
    expect(result.score).toBe(WEIGHTS.errorBudget + WEIGHTS.mode);
  });

  it('gives a rolled-back mode half its weight and charges the error budget for the breach', () => {
    const breach = chaos('NetworkChaos', 'rolled-back', 2, {
      rollback: { evidence: [], delayMs: 800 },
    });
    const result = computeResilienceScore(input([breach]), NOW);
    expect(reason(result, 'mode-network').points).toBe(WEIGHTS.mode / 2);
    expect(reason(result, 'error-budget')).toMatchObject({
      points: WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
      evidence: [{ runId: breach.id }],
    });
    expect(result.score).toBe(
      Math.round(
        WEIGHTS.mode / 2 + WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
      ),
    );
  });

  it('does not charge the budget for a rollback the policy made without a breach', () => {
    const stopped = chaos('NetworkChaos', 'rolled-back', 2);
    const result = computeResilienceScore(input([stopped]), NOW);
    expect(reason(result, 'error-budget').points).toBe(WEIGHTS.errorBudget);
  });

  it('gives a failed mode nothing and judges by the latest run', () => {
    const result = computeResilienceScore(
      input([
        chaos('StressChaos', 'completed', 10),
        chaos('StressChaos', 'failed', 1),
      ]),
      NOW,
    );
    expect(reason(result, 'mode-stress')).toMatchObject({
      points: 0,
      explanation: expect.stringContaining('latest run failed (2 in'),
    });
  });

  it('ignores aborted, rejected and unfinished runs, and runs older than 30 days', () => {
    const result = computeResilienceScore(
      input([
        chaos('PodChaos', 'aborted', 1),
        chaos('PodChaos', 'rejected', 1),
        { ...chaos('PodChaos', 'running', 1), endedAt: undefined },
        chaos('PodChaos', 'completed', 31),
      ]),
      NOW,
    );
    expect(reason(result, 'mode-pod').points).toBe(0);
  });

  it('judges RTO and RPO separately against the targets the test stored', () => {
    const slow = failover('failed', 1, {
      ...measured(420, 5),
      targets: { rtoSeconds: 300, rpoSeconds: 60 },
    });
    const result = computeResilienceScore(input([], [slow]), NOW);
    expect(reason(result, 'mode-region-failover').points).toBe(0);
    expect(reason(result, 'rto')).toMatchObject({
      points: 0,
      explanation: 'RTO 420 s (target 300 s): missed.',
    });
    expect(reason(result, 'rpo').points).toBe(WEIGHTS.rpo);
    // A failed failover spent budget: users were down longer than planned.
    expect(reason(result, 'error-budget').points).toBe(
      WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach,
    );
  });

  it('falls back to the configured targets and skips a drain that measured no RTO', () => {
    const older = failover('completed', 5, {
      rto: { seconds: 100 },
      rpo: { seconds: 90 },
    });
    const drain = failover('completed', 1, {
      targets: TARGETS,
      drain: { movedSeconds: 70, failedRequests: 3 },
    });
    const result = computeResilienceScore(input([], [drain, older]), NOW);
    expect(reason(result, 'rto')).toMatchObject({
      points: WEIGHTS.rto,
      evidence: [{ runId: older.id }],
    });
    expect(reason(result, 'rpo')).toMatchObject({
      points: 0,
      explanation: 'RPO 90 s (target 60 s): missed.',
    });
    expect(reason(result, 'error-budget').evidence).toEqual([
      expect.objectContaining({
        runId: drain.id,
        note: '3 user requests failed in a planned drain',
      }),
    ]);
  });

  it('never takes the error budget below zero', () => {
    const breaches = Array.from({ length: 6 }, (_, i) =>
      chaos('PodChaos', 'rolled-back', i + 1, { rollback: { evidence: [] } }),
    );
    const result = computeResilienceScore(input(breaches), NOW);
    expect(reason(result, 'error-budget').points).toBe(0);
    expect(reason(result, 'error-budget').evidence).toHaveLength(6);
  });
});

describe('resilienceTrend', () => {
  it('recomputes the score at the end of each week from the runs ended by then', () => {
    const runs = [
      chaos('PodChaos', 'completed', 20),
      chaos('NetworkChaos', 'completed', 10),
    ];
    const trend = resilienceTrend(input(runs), NOW, 4);
    expect(trend.map(p => p.at)).toEqual([
      daysAgo(21),
      daysAgo(14),
      daysAgo(7),
      NOW.toISOString(),
    ]);
    expect(trend.map(p => p.score)).toEqual([
      WEIGHTS.errorBudget,
      WEIGHTS.errorBudget + WEIGHTS.mode,
      WEIGHTS.errorBudget + 2 * WEIGHTS.mode,
      WEIGHTS.errorBudget + 2 * WEIGHTS.mode,
    ]);
    expect(trend[3].score).toBe(computeResilienceScore(input(runs), NOW).score);
  });
});
