import { AuditEvent } from '@internal/plugin-nt-infra-common';
import { Knex } from 'knex';
import { AuditQuery, AuditStore, NewAuditEvent } from './AuditStore';
import { keysetPage } from './keysetPage';

interface AuditRow {
  id: number | string;
  at: number | string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  decision: AuditEvent['decision'];
  reason: string;
  details: string | null;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: String(row.id),
    // PostgreSQL returns bigint columns as strings.
    at: new Date(Number(row.at)).toISOString(),
    actor: row.actor,
    action: row.action,
    targetType: row.target_type ?? undefined,
    targetId: row.target_id ?? undefined,
    decision: row.decision,
    reason: row.reason,
    details: row.details ? JSON.parse(row.details) : undefined,
  };
}

/** Audit trail in the plugin's database; newest first, keyset-paginated by id. */
export class DatabaseAuditStore implements AuditStore {
  constructor(private readonly db: Knex) {}

  async append(event: NewAuditEvent, at = new Date()): Promise<AuditEvent> {
    const row = {
      at: at.getTime(),
      actor: event.actor,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      decision: event.decision,
      reason: event.reason,
      details: event.details ? JSON.stringify(event.details) : null,
    };
    const [inserted] = await this.db('audit_events').insert(row, ['id']);
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return toEvent({ ...row, id });
  }

  async list(
    query: AuditQuery,
  ): Promise<{ items: AuditEvent[]; nextCursor?: string }> {
    const builder = this.db<AuditRow>('audit_events');
    if (query.actor) builder.where('actor', query.actor);
    if (query.targetType) builder.where('target_type', query.targetType);
    if (query.targetId) builder.where('target_id', query.targetId);
    if (query.decision) builder.where('decision', query.decision);
    // Append-only with an increasing id: the id alone orders the trail.
    const { rows, nextCursor } = await keysetPage<AuditRow>(
      builder,
      { position: 'id', id: 'id', keyOf: r => ({ position: r.id, id: r.id }) },
      query,
    );
    return { items: rows.map(toEvent), nextCursor };
  }
}
