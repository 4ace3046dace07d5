import { Run, RunDetail } from '@internal/plugin-nt-infra-common';

export interface RunRow {
  id: string;
  kind: Run['kind'];
  environment: Run['environment'];
  state: Run['state'];
  title: string;
  entity_ref: string | null;
  experiment_ref: string | null;
  requested_by: string;
  params: string;
  outcome: string | null;
  created_at: number | string;
  updated_at: number | string;
  started_at: number | string | null;
  ended_at: number | string | null;
  version: number;
}

export interface TransitionRow {
  id: number;
  run_id: string;
  from_state: Run['state'] | null;
  to_state: Run['state'];
  actor: string;
  reason: string;
  details: string | null;
  at: number | string;
}

export interface StepRow {
  run_id: string;
  seq: number;
  name: string;
  state: string;
  notes: string | null;
  details: string | null;
  started_at: number | string | null;
  ended_at: number | string | null;
}

/** PostgreSQL returns bigint as string; SQLite as number. */
export function iso(ms: number | string): string;
export function iso(ms: number | string | null): string | undefined;
export function iso(ms: number | string | null): string | undefined {
  return ms === null ? undefined : new Date(Number(ms)).toISOString();
}

function json(text: string | null) {
  return text ? JSON.parse(text) : undefined;
}

export function toRun(row: RunRow, regions: string[]): Run {
  return {
    id: row.id,
    kind: row.kind,
    environment: row.environment,
    regions,
    state: row.state,
    title: row.title,
    entityRef: row.entity_ref ?? undefined,
    experimentRef: row.experiment_ref ?? undefined,
    requestedBy: row.requested_by,
    params: JSON.parse(row.params),
    outcome: json(row.outcome),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
  };
}

export function toTimeline(
  transitions: TransitionRow[],
  steps: StepRow[],
): Pick<RunDetail, 'transitions' | 'steps'> {
  return {
    transitions: transitions.map(t => ({
      from: t.from_state ?? undefined,
      to: t.to_state,
      actor: t.actor,
      reason: t.reason,
      at: iso(t.at),
      details: json(t.details),
    })),
    steps: steps.map(s => ({
      seq: s.seq,
      name: s.name,
      state: s.state,
      notes: s.notes ?? undefined,
      details: json(s.details),
      startedAt: iso(s.started_at),
      endedAt: iso(s.ended_at),
    })),
  };
}
