import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-nt-infra-backend',
  'migrations',
);

/** The plugin's database client, migrated to the latest schema unless migrations are skipped. */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/** For tests: the migrations folder. */
export const MIGRATIONS_DIRECTORY = migrationsDir;
