import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { requireTestPostgres } from '../../../database/__testUtils__/testDatabases';

/** The engine under test: children and the test share one database. */
export interface CrashDatabase {
  engine: 'sqlite' | 'postgres';
  /** `backend.database` for every child. */
  backendConfig: Record<string, unknown>;
  /** The test's own connection to the plugin's database (read-only use). */
  knex(): Knex;
  /** Drops what it created (the PostgreSQL database; the SQLite folder). */
  dispose(): Promise<void>;
}

const PLUGIN_ID = 'nt-infra';

/** An SQLite file per plugin in `dir`, as `connection.directory` makes Backstage do. */
export function sqliteDatabase(dir: string): CrashDatabase {
  fs.mkdirSync(dir, { recursive: true });
  let db: Knex | undefined;
  return {
    engine: 'sqlite',
    backendConfig: {
      client: 'better-sqlite3',
      connection: { directory: dir },
    },
    knex() {
      db ??= knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, `${PLUGIN_ID}.sqlite`) },
        useNullAsDefault: true,
      });
      return db;
    },
    async dispose() {
      await db?.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Drops a database once the killed children's sessions are gone. Not `WITH
 * (FORCE)`: that also terminates an autovacuum worker busy in it, which a
 * role without superuser or `pg_signal_backend` may not do. A plain DROP
 * stops autovacuum itself; only a session still open makes it wait.
 */
async function dropWhenReleased(admin: Knex, name: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      return;
    } catch (e) {
      // 55006: "database … is being accessed by other users".
      if ((e as { code?: string }).code !== '55006' || Date.now() > deadline) {
        throw e;
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }
}

/**
 * A database of its own on a PostgreSQL server other tests share: a random
 * prefix keeps its name apart (Backstage names it `<prefix><pluginId>`).
 */
export function postgresDatabase(
  connectionString: string,
  options: { pool?: Record<string, unknown> } = {},
): CrashDatabase {
  const prefix = `crash_${randomBytes(4).toString('hex')}_`;
  const name = `${prefix}${PLUGIN_ID}`;
  let db: Knex | undefined;
  return {
    engine: 'postgres',
    backendConfig: {
      client: 'pg',
      connection: connectionString,
      prefix,
      ...(options.pool ? { knexConfig: { pool: options.pool } } : {}),
    },
    knex() {
      db ??= knexFactory({
        client: 'pg',
        connection: withDatabase(connectionString, name),
        pool: { min: 0, max: 2 },
      });
      return db;
    },
    async dispose() {
      await db?.destroy();
      const admin = knexFactory({
        client: 'pg',
        connection: withDatabase(connectionString, 'postgres'),
        pool: { min: 0, max: 1 },
      });
      try {
        await dropWhenReleased(admin, name);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/**
 * PostgreSQL when the machine's server is configured (required in CI),
 * SQLite otherwise.
 */
export function sharedTestDatabase(tmpDir: string): CrashDatabase {
  const pg = requireTestPostgres('the crash suite');
  return pg
    ? postgresDatabase(pg.connectionString)
    : sqliteDatabase(path.join(tmpDir, 'sqlite'));
}
