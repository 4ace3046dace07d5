import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { runProgress } from './runProgress';

const T0 = Date.parse('2026-12-02T19:00:00Z');

function run(overrides: Partial<RunDetail>): RunDetail {
  return {
    id: 'r1',
    kind: 'chaos',
    environment: 'staging',
    regions: ['eastus'],
    state: 'running',
    title: 'Pod failure',
    requestedBy: 'user:default/alice',
    params: { durationMs: 300_000 },
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    startedAt: new Date(T0).toISOString(),
    transitions: [],
    steps: [],
    ...overrides,
  };
}

describe('runProgress', () => {
  it('counts a chaos run against its fault duration', () => {
    expect(runProgress(run({}), T0 + 80_000)).toEqual({
      fraction: 80_000 / 300_000,
      text: 'Elapsed 1 min 20 s of 5 min · 3 min 40 s remaining',
    });
  });

  it('says the fault is being removed once the duration is over', () => {
    expect(runProgress(run({}), T0 + 310_000)).toEqual({
      fraction: 1,
      text: 'Elapsed 5 min 10 s · removing the fault',
    });
    expect(runProgress(run({ state: 'stopping' }), T0 + 10_000).text).toBe(
      'Elapsed 10 s · removing the fault',
    );
  });

  it('reports what an ended run took, and a run that never started', () => {
    const ended = run({
      state: 'rolled-back',
      endedAt: new Date(T0 + 95_000).toISOString(),
    });
    expect(runProgress(ended, T0 + 999_999)).toEqual({
      fraction: 1,
      text: 'Took 1 min 35 s',
    });
    expect(
      runProgress(run({ state: 'approved', startedAt: undefined }), T0),
    ).toEqual({ fraction: 0, text: 'Waiting to start' });
    expect(
      runProgress(run({ state: 'rejected', startedAt: undefined }), T0).text,
    ).toBe('Never started (rejected)');
  });

  it('counts a GameDay by its steps', () => {
    const gameday = run({
      kind: 'gameday',
      params: {},
      steps: [
        { seq: 1, name: 'Baseline', state: 'passed' },
        { seq: 2, name: 'Fail over', state: 'running' },
        { seq: 3, name: 'Fail back', state: 'pending' },
      ],
    });
    expect(runProgress(gameday, T0 + 60_000)).toEqual({
      fraction: 1 / 3,
      text: 'Elapsed 1 min · step 2 of 3: Fail over',
    });
  });

  it('shows elapsed time alone for a run without a known length', () => {
    const listed: Run = { ...run({ kind: 'failover', params: {} }) };
    expect(runProgress(listed, T0 + 5_000)).toEqual({ text: 'Elapsed 5 s' });
  });
});
