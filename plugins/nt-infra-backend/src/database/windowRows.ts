import {
  ChaosWindow,
  WindowDecision,
  WindowLimits,
} from '@internal/plugin-nt-infra-common';

/** A `chaos_windows` row. PostgreSQL returns bigint columns as strings, SQLite as numbers. */
export interface WindowRow {
  id: string;
  environment: ChaosWindow['environment'];
  starts_at: number | string;
  ends_at: number | string;
  state: ChaosWindow['state'];
  requested_by: string;
  reason: string;
  limits: string;
  created_at: number | string;
  updated_at: number | string;
}

export interface ApprovalRow {
  id: number;
  subject_type: string;
  subject_id: string;
  decision: WindowDecision['decision'];
  actor: string;
  reason: string;
  at: number | string;
}

function iso(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

export function limitsOf(row: WindowRow): WindowLimits {
  return JSON.parse(row.limits) as WindowLimits;
}

export function toWindow(row: WindowRow, approval?: ApprovalRow): ChaosWindow {
  return {
    id: row.id,
    environment: row.environment,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    state: row.state,
    requestedBy: row.requested_by,
    reason: row.reason,
    limits: limitsOf(row),
    decision: approval
      ? {
          actor: approval.actor,
          decision: approval.decision,
          reason: approval.reason,
          at: iso(approval.at),
        }
      : undefined,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function sharesRegion(row: WindowRow, regions: string[]): boolean {
  const own = new Set(limitsOf(row).regions);
  return regions.some(r => own.has(r));
}
