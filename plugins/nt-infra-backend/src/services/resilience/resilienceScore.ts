import {
  ResilienceEvidence,
  ResilienceFailureMode,
  ResilienceReason,
  ResilienceTrendPoint,
  Run,
} from '@internal/plugin-nt-infra-common';

/*
 * The resilience score of one entity, from its run history alone: a pure
 * function of the runs and the moment it is computed for, so the trend is the
 * same computation at the end of each past week, never a stored guess.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Only what happened recently says how the service copes today. */
export const WINDOW_DAYS = 30;

/**
 * The weights, each with its reason; they add up to 100. The README's
 * "Resilience score" section repeats them.
 */
export const WEIGHTS = {
  /** Per failure mode; four modes → 60. */
  mode: 15,
  rto: 10,
  rpo: 10,
  errorBudget: 20,
  /** Taken from the error-budget part per run that spent budget. */
  budgetPerBreach: 5,
} as const;

export const WEIGHT_REASONS = {
  mode: 'The four failure modes (pod, network, stress, region failover) are distinct ways the service can be hurt and none is known to be likelier, so each weighs the same; together they are most of the score because a service is only known to be resilient to what was tried on it. A run that passed earns the full weight; one rolled back half, because the fault was tried and the guard rails kept users safe, but the service did not absorb it; one that failed nothing.',
  rto: 'The RTO target (users served again within it) is one of the platform’s two recovery commitments; pass or fail against the target, equal to the RPO because neither commitment ranks above the other.',
  rpo: 'The RPO target (data lost at the cut within it) is the other recovery commitment; equal to the RTO for the same reason.',
  errorBudget: `Experiments are meant to cost users nothing beyond what was planned. Each run that breached a stop condition (rolled back with evidence), failed its recovery targets, or failed user requests in a planned drain takes ${WEIGHTS.budgetPerBreach} points: four in ${WINDOW_DAYS} days, one a week, spend all of it, faster than a team can fix what the first one showed.`,
} as const;

/** How a run that counts for a failure mode ended. */
type Ending = 'passed' | 'rolled-back' | 'failed';

const ENDING_SHARE: Record<Ending, number> = {
  passed: 1,
  'rolled-back': 0.5,
  failed: 0,
};

const CHAOS_KIND_MODE: Record<string, ResilienceFailureMode> = {
  PodChaos: 'pod',
  NetworkChaos: 'network',
  StressChaos: 'stress',
};

const MODE_LABEL: Record<ResilienceFailureMode, string> = {
  pod: 'Pod failure exercised',
  network: 'Network fault exercised',
  stress: 'Stress (CPU/memory) exercised',
  'region-failover': 'Region failover exercised',
};

export interface RecoveryTargets {
  rtoSeconds: number;
  rpoSeconds: number;
}

export interface ResilienceInput {
  /** The entity's chaos runs: started for it, or hitting only its pods. */
  chaosRuns: Run[];
  /** Failover tests of the entity's environments. */
  failoverRuns: Run[];
  /** The configured targets, for tests that stored none. */
  targets: RecoveryTargets;
}

export interface ResilienceResult {
  score: number;
  reasons: ResilienceReason[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The chaos run's failure mode, from the Chaos Mesh kind it applied. */
export function chaosMode(run: Run): ResilienceFailureMode | undefined {
  const resource = run.params?.resource;
  return isRecord(resource) && typeof resource.kind === 'string'
    ? CHAOS_KIND_MODE[resource.kind]
    : undefined;
}

/** Passed, rolled back or failed; aborted, rejected and unfinished runs exercised nothing to an end. */
function endingOf(run: Run): Ending | undefined {
  switch (run.state) {
    case 'completed':
      return 'passed';
    case 'rolled-back':
      return run.kind === 'chaos' ? 'rolled-back' : undefined;
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

interface FailoverFigures {
  rtoSeconds?: number;
  rpoSeconds?: number;
  targets: RecoveryTargets;
  failedRequests?: number;
}

/** A failover test's stored figures, read defensively from its free-form outcome. */
function failoverFigures(run: Run, fallback: RecoveryTargets): FailoverFigures {
  const m = run.outcome?.measurement;
  const targets = { ...fallback };
  if (!isRecord(m)) return { targets };
  if (isRecord(m.targets)) {
    targets.rtoSeconds = num(m.targets.rtoSeconds) ?? targets.rtoSeconds;
    targets.rpoSeconds = num(m.targets.rpoSeconds) ?? targets.rpoSeconds;
  }
  return {
    targets,
    rtoSeconds: isRecord(m.rto) ? num(m.rto.seconds) : undefined,
    rpoSeconds: isRecord(m.rpo) ? num(m.rpo.seconds) : undefined,
    failedRequests: isRecord(m.drain) ? num(m.drain.failedRequests) : undefined,
  };
}

function evidence(run: Run, note?: string): ResilienceEvidence {
  return {
    runId: run.id,
    kind: run.kind,
    title: run.title,
    state: run.state,
    at: run.endedAt ?? run.updatedAt,
    ...(note ? { note } : {}),
  };
}

/** Runs that had ended by `asOf`, within the window before it, newest first. */
function endedWithin(runs: Run[], asOf: Date): Run[] {
  const to = asOf.getTime();
  const from = to - WINDOW_DAYS * DAY_MS;
  return runs
    .filter(run => {
      const ended = run.endedAt ? Date.parse(run.endedAt) : NaN;
      return ended > from && ended <= to;
    })
    .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!));
}

function modeReason(
  mode: ResilienceFailureMode,
  runs: Run[],
): ResilienceReason {
  const counted = runs.filter(run => endingOf(run));
  const latest = counted[0];
  const base = {
    id: `mode-${mode}`,
    label: MODE_LABEL[mode],
    maxPoints: WEIGHTS.mode,
    weightReason: WEIGHT_REASONS.mode,
  };
  if (!latest) {
    return {
      ...base,
      points: 0,
      explanation: `Not exercised to an end in the last ${WINDOW_DAYS} days.`,
      evidence: [],
    };
  }
  const ending = endingOf(latest)!;
  return {
    ...base,
    points: WEIGHTS.mode * ENDING_SHARE[ending],
    explanation: `The latest run ${ending === 'passed' ? 'passed' : ending} (${
      counted.length
    } in the last ${WINDOW_DAYS} days).`,
    evidence: counted.map(run => evidence(run, endingOf(run))),
  };
}

function recoveryReason(
  which: 'rto' | 'rpo',
  failovers: Run[],
  fallback: RecoveryTargets,
): ResilienceReason {
  const label = which === 'rto' ? 'RTO' : 'RPO';
  const base = {
    id: which,
    label: `Last failover ${label} against target`,
    maxPoints: WEIGHTS[which],
    weightReason: WEIGHT_REASONS[which],
  };
  for (const run of failovers) {
    const figures = failoverFigures(run, fallback);
    const measured = which === 'rto' ? figures.rtoSeconds : figures.rpoSeconds;
    if (measured === undefined) continue;
    const target =
      which === 'rto' ? figures.targets.rtoSeconds : figures.targets.rpoSeconds;
    const met = measured <= target;
    const note = `${label} ${measured} s (target ${target} s)`;
    return {
      ...base,
      points: met ? WEIGHTS[which] : 0,
      explanation: `${note}: ${met ? 'met' : 'missed'}.`,
      evidence: [evidence(run, note)],
    };
  }
  return {
    ...base,
    points: 0,
    explanation: `No failover test in the entity's environments measured an ${label} in the last ${WINDOW_DAYS} days.`,
    evidence: [],
  };
}

/** Why a run spent error budget beyond what was planned, or undefined. */
function budgetCost(run: Run, fallback: RecoveryTargets): string | undefined {
  if (run.kind === 'chaos') {
    return run.state === 'rolled-back' && isRecord(run.outcome?.rollback)
      ? 'stop condition breached, rolled back'
      : undefined;
  }
  if (run.kind !== 'failover') return undefined;
  if (run.state === 'failed') return 'recovery targets missed';
  const { failedRequests } = failoverFigures(run, fallback);
  return failedRequests && failedRequests > 0
    ? `${failedRequests} user requests failed in a planned drain`
    : undefined;
}

function budgetReason(
  runs: Run[],
  fallback: RecoveryTargets,
): ResilienceReason {
  const spent = runs.flatMap(run => {
    const cost = budgetCost(run, fallback);
    return cost ? [evidence(run, cost)] : [];
  });
  return {
    id: 'error-budget',
    label: 'Error budget spent by runs',
    maxPoints: WEIGHTS.errorBudget,
    points: Math.max(
      0,
      WEIGHTS.errorBudget - WEIGHTS.budgetPerBreach * spent.length,
    ),
    explanation:
      spent.length === 0
        ? `No run in the last ${WINDOW_DAYS} days cost users more than planned.`
        : `${spent.length} run(s) in the last ${WINDOW_DAYS} days cost users more than planned.`,
    weightReason: WEIGHT_REASONS.errorBudget,
    evidence: spent,
  };
}

/** The entity's score as the history stood at `asOf`. */
export function computeResilienceScore(
  input: ResilienceInput,
  asOf: Date,
): ResilienceResult {
  const chaos = endedWithin(input.chaosRuns, asOf);
  const failovers = endedWithin(input.failoverRuns, asOf);
  const reasons: ResilienceReason[] = [
    ...(['pod', 'network', 'stress'] as const).map(mode =>
      modeReason(
        mode,
        chaos.filter(run => chaosMode(run) === mode),
      ),
    ),
    modeReason('region-failover', failovers),
    recoveryReason('rto', failovers, input.targets),
    recoveryReason('rpo', failovers, input.targets),
    budgetReason([...chaos, ...failovers], input.targets),
  ];
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score: Math.round(score), reasons };
}

/**
 * The score at the end of each of the last `weeks` weeks, oldest first, the
 * last one ending at `asOf`: the same computation over the runs that had
 * ended by then.
 */
export function resilienceTrend(
  input: ResilienceInput,
  asOf: Date,
  weeks: number,
): ResilienceTrendPoint[] {
  return Array.from({ length: weeks }, (_, i) => {
    const at = new Date(asOf.getTime() - (weeks - 1 - i) * 7 * DAY_MS);
    return {
      at: at.toISOString(),
      score: computeResilienceScore(input, at).score,
    };
  });
}
