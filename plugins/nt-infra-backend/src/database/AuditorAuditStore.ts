import { AuditorService } from '@backstage/backend-plugin-api';
import { AuditEvent } from '@internal/plugin-nt-infra-common';
import { AuditQuery, AuditStore, NewAuditEvent } from './AuditStore';

/** Backstage event ids are kebab-case: `chaos.run.start` → `chaos-run-start`. */
function eventId(action: string): string {
  return action
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Halting everything is critical; a refused attempt high; the rest medium. */
function severityOf(event: NewAuditEvent): 'critical' | 'high' | 'medium' {
  if (event.action.startsWith('halt')) return 'critical';
  return event.decision === 'denied' ? 'high' : 'medium';
}

/**
 * Writes each audit row and emits the same decision through Backstage's
 * auditor service, so the portal's trail also reaches wherever the
 * organisation ships audit events. The row stays the source of truth: it
 * is written first.
 */
export class AuditorAuditStore implements AuditStore {
  constructor(
    private readonly store: AuditStore,
    private readonly auditor: AuditorService,
  ) {}

  async append(event: NewAuditEvent, at?: Date): Promise<AuditEvent> {
    const row = await this.store.append(event, at);
    const auditorEvent = await this.auditor.createEvent({
      eventId: eventId(event.action),
      severityLevel: severityOf(event),
      meta: {
        actor: event.actor,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        decision: event.decision,
        reason: event.reason,
        auditRowId: row.id,
      },
    });
    if (event.decision === 'denied') {
      await auditorEvent.fail({ error: new Error(event.reason) });
    } else {
      await auditorEvent.success();
    }
    return row;
  }

  list(query: AuditQuery) {
    return this.store.list(query);
  }
}
