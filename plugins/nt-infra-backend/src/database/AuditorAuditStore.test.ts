import { mockServices } from '@backstage/backend-test-utils';
import { AuditorAuditStore } from './AuditorAuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { createTestDatabases } from './__testUtils__/testDatabases';

describe('AuditorAuditStore', () => {
  const databases = createTestDatabases();

  it('writes the row and emits a matching auditor event, failed when denied', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const success = jest.fn();
    const fail = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail })),
    });
    const store = new AuditorAuditStore(new DatabaseAuditStore(knex), auditor);

    const row = await store.append({
      actor: 'user:default/alice',
      action: 'window.approve',
      targetType: 'window',
      targetId: 'w-1',
      decision: 'denied',
      reason: 'approver must not be the requester',
    });

    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'window-approve',
      severityLevel: 'high',
      meta: expect.objectContaining({
        actor: 'user:default/alice',
        decision: 'denied',
        auditRowId: row.id,
      }),
    });
    expect(fail).toHaveBeenCalledWith({
      error: new Error('approver must not be the requester'),
    });
    expect((await store.list({ limit: 10 })).items).toEqual([row]);

    await store.append({
      actor: 'user:default/bob',
      action: 'halt.engage',
      decision: 'allowed',
      reason: 'incident',
    });
    expect(auditor.createEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        eventId: 'halt-engage',
        severityLevel: 'critical',
      }),
    );
    expect(success).toHaveBeenCalledTimes(1);
  });
});
