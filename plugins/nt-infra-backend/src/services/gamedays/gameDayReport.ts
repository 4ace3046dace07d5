import {
  FailoverTestView,
  GameDayReport as GameDayReportContract,
  RunDetail,
  RunTransition,
} from '@internal/plugin-nt-infra-common';
import { failoverTestView } from '../failoverRuns/failoverTestView';
import { LibraryScenario } from './GameDayScenarios';
import { ScenarioStep } from './scenario';
import {
  CheckEvidence,
  GameDayOutcome,
  GameDayParams,
  GameDayStepDetails,
} from './types';

export interface ReportNote {
  at: string;
  author: string;
  text: string;
}

/** A chaos or failover run a step started, with what it did to the world. */
export interface ReportChild {
  id: string;
  kind: string;
  title: string;
  state: string;
  experiment?: string;
  transitions: RunTransition[];
  /** The pods each region's fault hit (chaos). */
  faults: Array<{ region: string; pods: string[] }>;
  /** The stop conditions watched while it ran (chaos). */
  stopConditions?: unknown;
  /** The automatic rollback, when a stop condition fired (chaos). */
  rollback?: unknown;
  /** What the failover test measured (failover): its outcome without the raw samples. */
  measurements?: unknown;
  /**
   * The failover test as its page shows it (failover): the headline RTO with
   * its source, or the drain; verdicts; the users' traffic curve and the marks.
   */
  failover?: Pick<
    FailoverTestView,
    | 'method'
    | 'fromRegion'
    | 'toRegion'
    | 'measurements'
    | 'verdicts'
    | 'targets'
    | 'traffic'
    | 'marks'
  > & {
    /** The regions' display names ("East US") from the environment's configuration. */
    fromDisplayName: string;
    toDisplayName: string;
  };
  startedAt?: string;
  endedAt?: string;
}

export interface ReportStep {
  seq: number;
  name: string;
  type: ScenarioStep['type'];
  state: string;
  definition: ScenarioStep;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  error?: string;
  /** SLI evidence of a check step. */
  evidence?: CheckEvidence;
  child?: ReportChild;
  notes: ReportNote[];
}

/**
 * `GET /gamedays/:id/report?format=json`; the Markdown report renders this.
 * It extends the contract's report, so the two cannot drift apart.
 */
export interface GameDayReport extends GameDayReportContract {
  gameDay: {
    id: string;
    title: string;
    scenario: string;
    file: string;
    environment: string;
    regions: string[];
    requestedBy: string;
    entityRef?: string;
    state: string;
    createdAt: string;
    startedAt?: string;
    endedAt?: string;
  };
  outcome: {
    state: string;
    verdict?: string;
    /** The reason of the last transition, e.g. which step failed. */
    reason?: string;
    failedSteps: string[];
  };
  scenario: LibraryScenario;
  transitions: RunTransition[];
  steps: ReportStep[];
  /** Every note of every step, in time order. */
  notes: Array<ReportNote & { step: string }>;
  generatedAt: string;
}

const NOTE = /^(\S+) (\S+): (.*)$/;

export function parseNotes(notes: string | undefined): ReportNote[] {
  return (notes ?? '')
    .split('\n')
    .map(line => NOTE.exec(line))
    .filter((m): m is RegExpExecArray => Boolean(m))
    .map(m => ({ at: m[1], author: m[2], text: m[3] }));
}

function faultsOf(child: RunDetail): ReportChild['faults'] {
  // The transition into `running` names the pods the fault was pinned to.
  for (const t of child.transitions) {
    const targets = (t.details as { targets?: unknown } | undefined)?.targets;
    if (t.to === 'running' && Array.isArray(targets)) {
      return targets as ReportChild['faults'];
    }
  }
  const plans = (child.params as { plans?: unknown }).plans;
  return Array.isArray(plans)
    ? plans.map(p => ({
        region: String(p.region),
        pods: (p.targets ?? []).map(
          (x: { namespace: string; name: string }) =>
            `${x.namespace}/${x.name}`,
        ),
      }))
    : [];
}

/**
 * The raw probe samples can run to thousands; the report keeps their count.
 * The raw counter reading is in `failover.traffic` as the curve it makes.
 */
function measurementsOf(outcome: Record<string, unknown>) {
  const { samples, traffic: _traffic, ...rest } = outcome;
  return Array.isArray(samples) ? { ...rest, samples: samples.length } : rest;
}

/** A region's display name ("East US"), or its Azure name when not configured. */
export type RegionDisplayName = (environment: string, region: string) => string;

function failoverOf(
  child: RunDetail,
  displayName: RegionDisplayName,
): ReportChild['failover'] {
  // A run without a target is not a failover test this portal ran (nothing to show).
  if (!(child.params as { target?: unknown })?.target) return undefined;
  const v = failoverTestView(child);
  return {
    method: v.method,
    fromRegion: v.fromRegion,
    toRegion: v.toRegion,
    fromDisplayName: displayName(child.environment, v.fromRegion),
    toDisplayName: displayName(child.environment, v.toRegion),
    measurements: v.measurements,
    verdicts: v.verdicts,
    targets: v.targets,
    traffic: v.traffic,
    marks: v.marks,
  };
}

function childOf(
  child: RunDetail,
  displayName: RegionDisplayName,
): ReportChild {
  const outcome = (child.outcome ?? {}) as Record<string, unknown>;
  const params = child.params as Record<string, unknown>;
  return {
    id: child.id,
    kind: child.kind,
    title: child.title,
    state: child.state,
    ...(child.experimentRef ? { experiment: child.experimentRef } : {}),
    transitions: child.transitions,
    faults: child.kind === 'chaos' ? faultsOf(child) : [],
    ...(child.kind === 'chaos'
      ? { stopConditions: params.stopConditions }
      : {}),
    ...(outcome.rollback ? { rollback: outcome.rollback } : {}),
    ...(child.kind === 'failover'
      ? {
          measurements: measurementsOf(outcome),
          ...(failoverOf(child, displayName)
            ? { failover: failoverOf(child, displayName) }
            : {}),
        }
      : {}),
    startedAt: child.startedAt,
    endedAt: child.endedAt,
  };
}

/** Everything that happened in a GameDay, from its run, steps and child runs. */
export function buildGameDayReport(
  run: RunDetail,
  children: Map<string, RunDetail>,
  now = new Date(),
  displayName: RegionDisplayName = (_environment, region) => region,
): GameDayReport {
  const { scenario, entityRef } = run.params as unknown as GameDayParams;
  const outcome = (run.outcome ?? {}) as GameDayOutcome;
  const steps: ReportStep[] = scenario.steps.map((definition, seq) => {
    const row = run.steps.find(s => s.seq === seq);
    const details = (row?.details ?? {}) as Partial<GameDayStepDetails>;
    const child = details.childRunId
      ? children.get(details.childRunId)
      : undefined;
    return {
      seq,
      name: definition.name,
      type: definition.type,
      state: row?.state ?? 'pending',
      definition,
      startedAt: row?.startedAt,
      endedAt: row?.endedAt,
      ...(row?.startedAt && row.endedAt
        ? { durationMs: Date.parse(row.endedAt) - Date.parse(row.startedAt) }
        : {}),
      ...(details.error ? { error: details.error } : {}),
      ...(details.evidence ? { evidence: details.evidence } : {}),
      ...(child ? { child: childOf(child, displayName) } : {}),
      notes: parseNotes(row?.notes),
    };
  });
  const last = run.transitions[run.transitions.length - 1];
  return {
    gameDay: {
      id: run.id,
      title: run.title,
      scenario: scenario.name,
      file: scenario.file,
      environment: run.environment,
      regions: run.regions,
      requestedBy: run.requestedBy,
      ...(entityRef ? { entityRef } : {}),
      state: run.state,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
    },
    outcome: {
      state: run.state,
      verdict: outcome.verdict,
      reason: last?.reason,
      failedSteps: steps.filter(s => s.state === 'failed').map(s => s.name),
    },
    scenario,
    transitions: run.transitions,
    steps,
    notes: steps
      .flatMap(s => s.notes.map(n => ({ ...n, step: s.name })))
      .sort((a, b) => a.at.localeCompare(b.at)),
    generatedAt: now.toISOString(),
  };
}
