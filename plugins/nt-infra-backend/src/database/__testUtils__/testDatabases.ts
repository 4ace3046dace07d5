import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The engines every database test runs on: SQLite (the embedded default)
 * and PostgreSQL (production). PostgreSQL is used when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set, as
 * `./portal test` does; there is no Docker engine to start one here.
 */
export const TEST_DATABASE_IDS: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];

export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: TEST_DATABASE_IDS });
}
