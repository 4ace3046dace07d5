import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The PostgreSQL versions @backstage/backend-test-utils knows connection strings for. */
const KNOWN_POSTGRES: readonly TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
  'POSTGRES_12',
  'POSTGRES_11',
  'POSTGRES_9',
];

const CONNECTION_VARIABLE =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

export interface TestPostgres {
  id: TestDatabaseId;
  version: number;
  connectionString: string;
}

/**
 * The PostgreSQL server `tools/lib/system.sh` configured, whatever its version:
 * it exports BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING for the
 * machine's cluster. The newest version wins when several are set.
 */
export function detectTestPostgres(
  env: NodeJS.ProcessEnv = process.env,
): TestPostgres | undefined {
  const found = Object.entries(env)
    .map(([name, value]) => ({ match: CONNECTION_VARIABLE.exec(name), value }))
    .filter(f => f.match && f.value)
    .map(f => ({
      version: Number(f.match![1]),
      connectionString: f.value!,
    }))
    .sort((a, b) => b.version - a.version);
  if (found.length === 0) return undefined;
  const { version, connectionString } = found[0];
  const id = `POSTGRES_${version}` as TestDatabaseId;
  if (!KNOWN_POSTGRES.includes(id)) {
    throw new Error(
      `PostgreSQL ${version} is configured (BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING) but @backstage/backend-test-utils knows only ${KNOWN_POSTGRES.join(
        ', ',
      )}`,
    );
  }
  return { id, version, connectionString };
}

/** Why PostgreSQL tests cannot run, for failure and skip messages. */
export const NO_POSTGRES =
  'no PostgreSQL configured: set BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING (./portal test does it for the machine’s cluster)';

/**
 * The PostgreSQL server for tests that need one. In CI (CI=true) its absence
 * throws, so the file fails with the reason instead of testing less.
 */
export function requireTestPostgres(what: string): TestPostgres | undefined {
  const postgres = detectTestPostgres();
  if (postgres) return postgres;
  if (process.env.CI === 'true') {
    throw new Error(`${what}: PostgreSQL is required in CI; ${NO_POSTGRES}`);
  }
  process.stderr.write(`SKIPPED ${what} on PostgreSQL: ${NO_POSTGRES}\n`);
  return undefined;
}

/**
 * The engines every database test runs on: SQLite (the embedded default)
 * and PostgreSQL (production), on the version the machine has. Without a
 * PostgreSQL server CI fails; locally only SQLite runs, and says so.
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = requireTestPostgres('database tests');
  return postgres ? [postgres.id, 'SQLITE_3'] : ['SQLITE_3'];
}

export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: testDatabaseIds() });
}
