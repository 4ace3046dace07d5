import { AuditDecision, AuditEvent } from '@internal/plugin-nt-infra-common';

/** A new entry for the audit trail. */
export interface NewAuditEvent {
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string;
  decision: AuditDecision;
  reason: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  /** Only events older than this cursor (from a previous page). */
  cursor?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  decision?: AuditDecision;
}

/** The append-only audit trail: entries are added, never changed or removed. */
export interface AuditStore {
  append(event: NewAuditEvent, at?: Date): Promise<AuditEvent>;
  list(
    query: AuditQuery,
  ): Promise<{ items: AuditEvent[]; nextCursor?: string }>;
}
