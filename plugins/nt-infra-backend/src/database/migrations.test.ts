import { createTestDatabases } from './__testUtils__/testDatabases';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';

const TABLES = [
  'runs',
  'run_regions',
  'run_transitions',
  'run_steps',
  'chaos_windows',
  'approvals',
  'change_requests',
  'idempotency_keys',
  'audit_events',
  'halt_switch',
];

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'migrate up and down cleanly on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }

      await knex.migrate.rollback({ directory: MIGRATIONS_DIRECTORY }, true);
      // All the way down: every migration's down leaves nothing behind.
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      // And up again: down leaves nothing behind that blocks a re-run.
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('runs')).toBe(true);
      await knex.destroy();
    },
  );
});
