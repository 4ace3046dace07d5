import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseAuditStore } from '../../../database/DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from '../../../database/migrateDatabase';
import { DatabaseWindowStore } from '../../../database/DatabaseWindowStore';
import { WindowNotification } from '../types';
import { WindowService } from '../WindowService';
import { NETWORK_DELAY, NOW, POD_FAILURE } from './windowFixtures';

/**
 * A service on a real (SQLite) store and audit trail, at NOW, recording
 * notifications. The rules do not depend on the engine; the store tests
 * cover both engines.
 */
export async function createTestWindowService(
  databases: TestDatabases,
  options: { notifyFails?: boolean } = {},
) {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  const audit = new DatabaseAuditStore(knex);
  const notified: WindowNotification[] = [];
  let library = new Set([POD_FAILURE, NETWORK_DELAY]);
  const logger = mockServices.logger.mock();
  const service = WindowService.create({
    store: DatabaseWindowStore.create({ db: knex }),
    audit,
    logger,
    knownExperiments: async () => library,
    notify: async event => {
      if (options.notifyFails) throw new Error('notifications are down');
      notified.push(event);
    },
    now: () => NOW,
  });
  const auditTrail = async () =>
    (await audit.list({ limit: 100 })).items.reverse().map(e => ({
      actor: e.actor,
      action: e.action,
      targetId: e.targetId,
      decision: e.decision,
      reason: e.reason,
    }));
  return {
    service,
    notified,
    auditTrail,
    logger,
    removeFromLibrary: (id: string) => {
      library = new Set([...library].filter(e => e !== id));
    },
  };
}
