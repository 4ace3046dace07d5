import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  NT_INFRA_SEARCH_TYPES,
  type Experiment,
  type FailoverTestView,
  type GameDayReport,
  type Run,
} from '@internal/plugin-nt-infra-common';

/** The search type of the chaos experiment library. @public */
export const NT_INFRA_EXPERIMENT_TYPE = NT_INFRA_SEARCH_TYPES.experiment;
/** The search type of chaos runs, failover tests and GameDays. @public */
export const NT_INFRA_RUN_TYPE = NT_INFRA_SEARCH_TYPES.run;

/** An experiment of the library as it is indexed. @public */
export interface NtInfraExperimentDocument extends IndexableDocument {
  experimentId: string;
  kind: string;
  environment: string;
  region: string;
}

/** A chaos run, failover test or GameDay as it is indexed. @public */
export interface NtInfraRunDocument extends IndexableDocument {
  runId: string;
  runKind: Run['kind'];
  state: Run['state'];
  environment: string;
  regions: string[];
  entityRef: string;
  createdAt: string;
}

/** The run's own page in the portal (the History tab, see nt-infra's routes.ts). */
export function runLocation(id: string): string {
  return `/nt-infra/history?run=${encodeURIComponent(id)}`;
}

/** The Chaos tab with the experiment chosen in its run form. */
export function experimentLocation(id: string): string {
  return `/nt-infra/chaos?experiment=${encodeURIComponent(id)}`;
}

const sentence = (parts: Array<string | undefined | false>) =>
  parts.filter(Boolean).join(' ');

export function experimentDocument(
  experiment: Experiment,
): NtInfraExperimentDocument {
  const stops = experiment.stopConditions.map(
    s => `${s.metric} ${s.op} ${s.threshold} for ${s.for}`,
  );
  return {
    title: experiment.title,
    text: sentence([
      `${experiment.kind} ${experiment.name} in namespace ${experiment.namespace},`,
      `${experiment.environment}${
        experiment.region ? ` (${experiment.region})` : ''
      }.`,
      experiment.description,
      `Expected impact: ${experiment.expectedImpact}`,
      stops.length > 0 && `Stop conditions: ${stops.join('; ')}.`,
      experiment.cadence && `Cadence: ${experiment.cadence}.`,
      `Library file ${experiment.file}.`,
    ]),
    location: experimentLocation(experiment.id),
    experimentId: experiment.id,
    kind: experiment.kind,
    environment: experiment.environment,
    region: experiment.region ?? '',
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * What a chaos run aims at, from what it stored when it was created: the
 * label selector of its resource and the namespaces of the pods it pinned.
 */
function chaosTargets(params: Record<string, unknown>): string[] {
  const selector = record(record(record(params.resource).spec).selector);
  const labels = Object.entries(record(selector.labelSelectors)).map(
    ([key, value]) => `${key}=${String(value)}`,
  );
  const namespaces = Array.isArray(selector.namespaces)
    ? selector.namespaces.map(String)
    : [];
  const plans = Array.isArray(params.plans) ? params.plans : [];
  const pinned = plans.flatMap(plan => {
    const targets = record(plan).targets;
    return Array.isArray(targets)
      ? targets.map(t => String(record(t).namespace ?? ''))
      : [];
  });
  return [...new Set([...labels, ...namespaces, ...pinned])].filter(Boolean);
}

function chaosOutcome(run: Run): string | undefined {
  const reason = record(run.outcome).endingReason;
  return typeof reason === 'string' ? `Outcome: ${reason}.` : undefined;
}

const secs = (value: number | undefined) =>
  value === undefined ? 'not measured' : `${Math.round(value)} s`;

function failoverText(view: FailoverTestView): string {
  const { targets, measurements, verdicts } = view;
  const rto = measurements.drain
    ? `Planned drain: users moved after ${secs(
        measurements.drain.movedSeconds,
      )} (RTO target ${targets.rtoSeconds} s).`
    : `RTO ${secs(measurements.rtoSeconds)} against a target of ${
        targets.rtoSeconds
      } s${verdicts ? ` (${verdicts.rto})` : ''}.`;
  return sentence([
    `Failover test from ${view.fromRegion} to ${view.toRegion} in ${view.environment} (${view.method}).`,
    rto,
    `RPO ${secs(measurements.rpoSeconds)} against a target of ${
      targets.rpoSeconds
    } s${verdicts ? ` (${verdicts.rpo})` : ''}.`,
    verdicts && `Overall: ${verdicts.overall}.`,
    view.abort && `Aborted by ${view.abort.by}: ${view.abort.reason}.`,
    view.reason && `Reason: ${view.reason}.`,
  ]);
}

function gameDayText(report: GameDayReport): string {
  const { outcome } = report;
  return sentence([
    `GameDay report of scenario ${report.gameDay.scenario}.`,
    `Outcome: ${outcome.state}${outcome.verdict ? `, ${outcome.verdict}` : ''}${
      outcome.reason ? ` (${outcome.reason})` : ''
    }.`,
    outcome.failedSteps.length > 0 &&
      `Failed steps: ${outcome.failedSteps.join(', ')}.`,
    `Steps: ${report.steps
      .map(
        step =>
          `${step.name} (${step.type}, ${step.state}${
            step.error ? `: ${step.error}` : ''
          })`,
      )
      .join('; ')}.`,
    ...report.notes.map(note => `Note on ${note.step}: ${note.text}`),
  ]);
}

/** What each kind of run adds from its own view (`undefined`: none read). */
export type RunDetails =
  | { kind: 'failover'; view: FailoverTestView }
  | { kind: 'gameday'; report: GameDayReport };

const KIND_NAMES: Record<Run['kind'], string> = {
  chaos: 'Chaos run',
  failover: 'Failover test',
  gameday: 'GameDay',
};

export function runDocument(
  run: Run,
  details?: RunDetails,
): NtInfraRunDocument {
  const targets = run.kind === 'chaos' ? chaosTargets(run.params) : [];
  let specific: string | undefined;
  if (details?.kind === 'failover') {
    specific = failoverText(details.view);
  } else if (details?.kind === 'gameday') {
    specific = gameDayText(details.report);
  } else if (run.kind === 'chaos') {
    specific = chaosOutcome(run);
  }
  return {
    title: run.title,
    text: sentence([
      `${KIND_NAMES[run.kind]} in ${run.environment} (${run.regions.join(
        ', ',
      )}), ${run.state}.`,
      run.experimentRef && `Experiment ${run.experimentRef}.`,
      run.entityRef && `Workload ${run.entityRef}.`,
      targets.length > 0 && `Targets ${targets.join(', ')}.`,
      specific,
      `Requested by ${run.requestedBy} at ${run.createdAt}.`,
    ]),
    location: runLocation(run.id),
    runId: run.id,
    runKind: run.kind,
    state: run.state,
    environment: run.environment,
    regions: run.regions,
    entityRef: run.entityRef ?? '',
    createdAt: run.createdAt,
  };
}
