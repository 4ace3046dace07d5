import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Run,
  RunDetail,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { RunStore } from '../../database/RunStore';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { promqlString } from '../../providers/metrics/sliQueries';
import { goDurationMs } from '../chaos/goDuration';
import { chaosRequestOf } from './GameDayScenarios';
import { CheckStep, ScenarioStep } from './scenario';
import {
  CheckEvidence,
  GameDayParams,
  GameDayStepDetails,
  StartChaos,
  StartFailover,
} from './types';

export interface StepDeps {
  runs: RunStore;
  startChaos: StartChaos;
  startFailover: StartFailover;
  /** Stops a child through its own service, which knows how its machine ends. */
  stopChild: (child: Run, actor: string, reason: string) => Promise<void>;
  metrics: MetricsProvider;
}

/** One step as the machine sees it: the scenario's definition and its row. */
export interface StepView {
  seq: number;
  step: ScenarioStep;
  state: string;
  details: GameDayStepDetails;
  startedAt: Date;
}

/** Where a running step got to in this tick. */
export type StepProgress =
  | { state: 'running'; details: GameDayStepDetails; changed: boolean }
  | { state: 'passed' | 'failed'; details: GameDayStepDetails };

/** Refusals that will not change on a retry: the step fails with the reason. */
function isRefusal(error: unknown): error is Error {
  return (
    error instanceof ConflictError ||
    error instanceof InputError ||
    error instanceof NotAllowedError ||
    error instanceof NotFoundError
  );
}

/**
 * Asks a child run to end the way `POST /runs/:id/stop` does: a running
 * run goes to `stopping` (its own machine removes what it applied), one not
 * started yet is aborted. Runs in between (starting, stopping) are left to
 * their machine; the caller asks again on its next tick.
 */
/** The states in which a child is asked to stop; later ones are already ending. */
const STOPPABLE = ['pending-approval', 'approved', 'starting', 'running'];

export async function stopChildRun(
  deps: Pick<StepDeps, 'stopChild'>,
  child: Run,
  actor: string,
  reason: string,
): Promise<void> {
  if (!STOPPABLE.includes(child.state)) return;
  try {
    await deps.stopChild(child, actor, reason);
  } catch (error) {
    // Its own machine moved it meanwhile; the next tick reads it again.
    if (!(error instanceof ConflictError)) throw error;
  }
}

/** The idempotency key of a step's child: a replayed tick finds the same run. */
export function childKey(gameDayId: string, seq: number): string {
  return `${gameDayId}:${seq}`;
}

/** Starts (or, on a replayed tick, finds again) the step's child run. */
function startChild(gameDay: RunDetail, view: StepView, deps: StepDeps) {
  const { scenario, entityRef } = gameDay.params as unknown as GameDayParams;
  const key = childKey(gameDay.id, view.seq);
  const step = view.step;
  if (step.type === 'chaos') {
    return deps.startChaos(
      chaosRequestOf(scenario, step, entityRef),
      gameDay.requestedBy,
      key,
    );
  }
  if (step.type === 'failover') {
    return deps.startFailover(
      {
        environment: scenario.environment,
        fromRegion: step.fromRegion,
        method: step.method,
      },
      gameDay.requestedBy,
      key,
    );
  }
  throw new Error(`a ${step.type} step has no child run`);
}

/** Advances one running step by one tick. Idempotent: reads only `view` and the store. */
export async function progressStep(
  gameDay: RunDetail,
  view: StepView,
  now: Date,
  deps: StepDeps,
): Promise<StepProgress> {
  const { step } = view;
  const timedOut =
    now.getTime() >= view.startedAt.getTime() + goDurationMs(step.timeout)!;
  switch (step.type) {
    case 'chaos':
    case 'failover':
      return progressChild(gameDay, view, timedOut, deps);
    case 'wait': {
      const done =
        now.getTime() >=
        view.startedAt.getTime() + goDurationMs(step.duration)!;
      return done
        ? { state: 'passed', details: view.details }
        : { state: 'running', details: view.details, changed: false };
    }
    case 'check':
      return progressCheck(gameDay, view, step, now, timedOut, deps);
    default:
      return {
        state: 'failed',
        details: { ...view.details, error: 'unknown step type' },
      };
  }
}

async function progressChild(
  gameDay: RunDetail,
  view: StepView,
  timedOut: boolean,
  deps: StepDeps,
): Promise<StepProgress> {
  const { step, details } = view;
  if (!details.childRunId) {
    if (timedOut) {
      return {
        state: 'failed',
        details: { ...details, error: `no run started within ${step.timeout}` },
      };
    }
    try {
      const { run } = await startChild(gameDay, view, deps);
      return {
        state: 'running',
        details: {
          ...details,
          childRunId: run.id,
          childKind: step.type === 'chaos' ? 'chaos' : 'failover',
        },
        changed: true,
      };
    } catch (error) {
      if (isRefusal(error)) {
        return {
          state: 'failed',
          details: { ...details, error: `refused: ${error.message}` },
        };
      }
      // Anything else (a cluster or database hiccup) is retried next tick.
      throw error;
    }
  }
  const child = await deps.runs.getRun(details.childRunId);
  if (!child) {
    return {
      state: 'failed',
      details: { ...details, error: `run ${details.childRunId} is gone` },
    };
  }
  if (TERMINAL_RUN_STATES.includes(child.state)) {
    if (child.state === 'completed' && !details.stopRequested) {
      return { state: 'passed', details };
    }
    const last = child.transitions[child.transitions.length - 1];
    return {
      state: 'failed',
      details: {
        ...details,
        error:
          details.stopRequested ??
          `${child.kind} run ${child.state}: ${last?.reason ?? ''}`.trim(),
      },
    };
  }
  if (timedOut && !details.stopRequested) {
    const reason = `GameDay ${gameDay.id}: step '${step.name}' timed out after ${step.timeout}`;
    await stopChildRun(deps, child, 'nt-infra', reason);
    return {
      state: 'running',
      details: { ...details, stopRequested: reason },
      changed: true,
    };
  }
  if (details.stopRequested) {
    // A child that was running or not started yet was moved on; retry the others.
    await stopChildRun(deps, child, 'nt-infra', details.stopRequested);
  }
  return { state: 'running', details, changed: false };
}

function compare(value: number, op: string, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    default:
      return false;
  }
}

/**
 * A check holds when every reading of every region satisfies the assertion
 * for `over`, and each region gave at least one reading. A breaking value
 * fails it at once; a missing reading does not (Prometheus may blip), but a
 * region without any reading by the timeout fails it: the assertion was
 * never shown to hold.
 */
async function progressCheck(
  gameDay: RunDetail,
  view: StepView,
  step: CheckStep,
  now: Date,
  timedOut: boolean,
  deps: StepDeps,
): Promise<StepProgress> {
  const params = gameDay.params as unknown as GameDayParams;
  const regions = step.regions ?? params.scenario.regions;
  const evidence: CheckEvidence = view.details.evidence ?? {
    metric: step.metric,
    op: step.op,
    threshold: step.threshold,
    over: step.over,
    regions: {},
  };
  await Promise.all(
    regions.map(async region => {
      const query = `${step.metric}{region=${promqlString(region)}}`;
      const r = (evidence.regions[region] ??= {
        query,
        samples: 0,
        missing: 0,
      });
      try {
        const [sample] = await deps.metrics.query(query);
        if (!sample || !Number.isFinite(sample.value)) {
          r.missing += 1;
          r.lastMissing = sample ? 'NaN' : 'no sample';
          return;
        }
        r.samples += 1;
        r.min = Math.min(r.min ?? sample.value, sample.value);
        r.max = Math.max(r.max ?? sample.value, sample.value);
        r.last = sample.value;
        r.lastAt = new Date(sample.timestamp).toISOString();
        if (
          !evidence.violation &&
          !compare(sample.value, step.op, step.threshold)
        ) {
          evidence.violation = { region, value: sample.value, at: r.lastAt };
        }
      } catch (error) {
        r.missing += 1;
        r.lastMissing = `query failed: ${(error as Error).message}`.slice(
          0,
          300,
        );
      }
    }),
  );
  const details = { ...view.details, evidence };
  if (evidence.violation) {
    const v = evidence.violation;
    return {
      state: 'failed',
      details: {
        ...details,
        error: `${step.metric} was ${v.value} in ${v.region}; expected ${step.op} ${step.threshold}`,
      },
    };
  }
  const unread = regions.filter(r => !evidence.regions[r]?.samples);
  const overDone =
    now.getTime() >= view.startedAt.getTime() + goDurationMs(step.over)!;
  if (overDone && unread.length === 0) {
    return { state: 'passed', details };
  }
  if (timedOut) {
    return {
      state: 'failed',
      details: {
        ...details,
        error: `no reading of ${step.metric} in ${unread.join(', ')} within ${
          step.timeout
        }`,
      },
    };
  }
  return { state: 'running', details, changed: true };
}
