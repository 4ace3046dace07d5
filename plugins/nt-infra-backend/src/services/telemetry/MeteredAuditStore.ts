import { AuditEvent } from '@internal/plugin-nt-infra-common';
import {
  AuditQuery,
  AuditStore,
  NewAuditEvent,
} from '../../database/AuditStore';
import { RunTelemetry } from './RunTelemetry';

/**
 * Counts refused starts where they are decided and audited, so the metric
 * and the audit trail cannot disagree, whether a person, a schedule or an
 * action asked.
 */
export class MeteredAuditStore implements AuditStore {
  constructor(
    private readonly store: AuditStore,
    private readonly telemetry: Pick<RunTelemetry, 'audited'>,
  ) {}

  async append(event: NewAuditEvent, at?: Date): Promise<AuditEvent> {
    const row = await this.store.append(event, at);
    this.telemetry.audited(event);
    return row;
  }

  list(query: AuditQuery) {
    return this.store.list(query);
  }
}
