import {
  ChaosRunProposal,
  evaluateChaosPolicy,
  PolicyContext,
} from './ChaosPolicy';

const stop = {
  metric: 'ntai:slo_burn_rate:5m',
  op: '>' as const,
  threshold: 14.4,
  for: '1m',
};

const proposal: ChaosRunProposal = {
  environment: 'production',
  regions: ['westus'],
  experimentId: 'PodChaos/ntai/api-pod-failure-10pct',
  requestedBy: 'user:default/alice',
  blastRadius: [{ region: 'westus', targets: 1, matching: 10 }],
  stopConditions: [stop],
  errorBudget: { westus: 0.8 },
  durationSeconds: 300,
};

const window = {
  id: 'w-1',
  maxFraction: 0.1,
  stopConditions: [],
  endsAt: '2026-11-26T12:00:00.000Z',
};

function context(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    halted: false,
    productionMaxFraction: 0.1,
    productionMaxDurationSeconds: 3600,
    findWindow: async () => window,
    ...overrides,
  };
}

describe('evaluateChaosPolicy', () => {
  it('allows a production run inside an approved window within every limit', async () => {
    const decision = await evaluateChaosPolicy(proposal, context());
    expect(decision).toMatchObject({
      allowed: true,
      reasons: [],
      window,
      failSafe: true,
      stopConditions: [stop],
    });
  });

  it('refuses production chaos without an approved window', async () => {
    const decision = await evaluateChaosPolicy(
      proposal,
      context({ findWindow: async () => undefined }),
    );
    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toContain(
      'no approved production chaos window covers this experiment, its regions and the current time',
    );
  });

  it('refuses a blast radius above 10% in production, and the tighter window limit', async () => {
    const wide = await evaluateChaosPolicy(
      {
        ...proposal,
        blastRadius: [{ region: 'westus', targets: 2, matching: 10 }],
      },
      context(),
    );
    expect(wide.reasons).toEqual([
      'westus: blast radius 2/10 pods (20%) exceeds the limit of 10%',
    ]);
    const tight = await evaluateChaosPolicy(
      proposal,
      context({ findWindow: async () => ({ ...window, maxFraction: 0.05 }) }),
    );
    expect(tight.reasons[0]).toMatch(/exceeds the limit of 5%/);
  });

  it('lets staging go beyond 10% without a window, with missing metrics not fail-safe', async () => {
    const decision = await evaluateChaosPolicy(
      {
        ...proposal,
        environment: 'staging',
        blastRadius: [{ region: 'westus', targets: 3, matching: 3 }],
        errorBudget: {},
        stopConditions: [],
      },
      context({ findWindow: async () => undefined }),
    );
    expect(decision).toMatchObject({ allowed: true, failSafe: false });
  });

  it('refuses everything while halt-all is engaged', async () => {
    const decision = await evaluateChaosPolicy(
      { ...proposal, environment: 'staging' },
      context({ halted: true }),
    );
    expect(decision.reasons).toEqual([
      'halt-all is engaged: no run may start until it is released',
    ]);
  });

  it('gates on the error budget: exhausted anywhere, unknown in production', async () => {
    expect(
      (
        await evaluateChaosPolicy(
          { ...proposal, errorBudget: { westus: -0.2 } },
          context(),
        )
      ).reasons,
    ).toEqual(['westus: error budget exhausted']);
    expect(
      (await evaluateChaosPolicy({ ...proposal, errorBudget: {} }, context()))
        .reasons,
    ).toEqual(['westus: error budget unknown (metrics unavailable)']);
  });

  it('needs stop conditions, a duration and matching pods', async () => {
    const decision = await evaluateChaosPolicy(
      {
        ...proposal,
        stopConditions: [],
        durationSeconds: 0,
        blastRadius: [{ region: 'westus', targets: 0, matching: 0 }],
      },
      context(),
    );
    expect(decision.reasons).toEqual([
      'the experiment has no duration',
      'production runs need at least one stop condition',
      'westus: the selector matches no pod',
    ]);
  });

  it('adds the window stop conditions to the run', async () => {
    const windowStop = {
      ...stop,
      metric: 'ntai:availability:ratio_rate5m',
      op: '<' as const,
      threshold: 0.99,
    };
    const decision = await evaluateChaosPolicy(
      proposal,
      context({
        findWindow: async () => ({ ...window, stopConditions: [windowStop] }),
      }),
    );
    expect(decision.stopConditions).toEqual([stop, windowStop]);
  });
});
