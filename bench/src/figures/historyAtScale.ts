import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
// The figure is about the plugin's own store and migrations, which its package
// does not export (it exports only the backend feature): reached by path.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { DatabaseRunStore } from '@internal/plugin-nt-infra-backend/src/database/DatabaseRunStore';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import type { RunFilter } from '@internal/plugin-nt-infra-backend/src/database/RunStore';
import type { BenchContext } from '../lib/context';
import { REPO_ROOT } from '../lib/paths';
import type { Detail, FigureResult } from '../lib/results';
import { quantile, round } from '../lib/stats';

const MIGRATIONS = path.join(
  REPO_ROOT,
  'plugins',
  'nt-infra-backend',
  'migrations',
);
const TARGET_P95_MS = 30;
const DAY = 86_400_000;

const KINDS = [
  'chaos',
  'chaos',
  'chaos',
  'chaos',
  'chaos',
  'chaos',
  'chaos',
  'failover',
  'failover',
  'gameday',
];
const STATES = [
  'completed',
  'completed',
  'completed',
  'completed',
  'rolled-back',
  'aborted',
  'failed',
  'rejected',
];
const REGIONS = ['eastus', 'westus'];
const ENTITIES = Array.from(
  { length: 50 },
  (_, i) => `component:default/service-${i}`,
);

/** Deterministic pseudo-random numbers, so every run seeds the same history. */
function lcg(start: number) {
  let s = start >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` runs over the last year, shaped like real history: mostly finished chaos runs. */
async function seed(db: Knex, count: number) {
  const random = lcg(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const now = Date.now();
  // One transaction: seeding speed is not the figure, and SQLite syncs per commit.
  const trx = await db.transaction();
  // SQLite compounds at most 500 rows per INSERT (200 runs bring at most 400
  // region rows); PostgreSQL takes 65535 parameters, so 2000 runs (28k).
  const batch = db.client.config.client === 'pg' ? 2000 : 200;
  for (let start = 0; start < count; start += batch) {
    const runs: Record<string, unknown>[] = [];
    const regions: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const id = randomUUID();
      const created = now - Math.floor(random() * 365 * DAY);
      const kind = pick(KINDS);
      runs.push({
        id,
        kind,
        environment: random() < 0.5 ? 'production' : 'staging',
        state: pick(STATES),
        title: `${kind} run ${i}`,
        entity_ref: random() < 0.8 ? pick(ENTITIES) : null,
        experiment_ref:
          kind === 'chaos' ? 'production/api-pod-failure.yaml' : null,
        requested_by: 'user:default/bench',
        params: '{}',
        outcome: '{"ending":"completed"}',
        created_at: created,
        updated_at: created + 600_000,
        started_at: created + 1000,
        ended_at: created + 600_000,
      });
      const first = pick(REGIONS);
      regions.push({ run_id: id, region: first, created_at: created });
      if (random() < 0.3) {
        regions.push({
          run_id: id,
          region: first === 'eastus' ? 'westus' : 'eastus',
          created_at: created,
        });
      }
    }
    await trx('runs').insert(runs);
    await trx('run_regions').insert(regions);
  }
  await trx.commit();
}

interface QueryCase {
  label: string;
  run: (store: DatabaseRunStore, i: number) => Promise<unknown>;
}

const last30Days = () => new Date(Date.now() - 30 * DAY).toISOString();

function cases(): QueryCase[] {
  const list =
    (filter: RunFilter, limit = 50) =>
    (store: DatabaseRunStore) =>
      store.listRuns(filter, { limit });
  return [
    { label: 'history, first page (no filter)', run: list({}) },
    {
      label: 'history, kind + environment',
      run: list({ kind: 'chaos', environment: 'production' }),
    },
    { label: 'history, region', run: list({ region: 'westus' }) },
    {
      label: 'history, failed states in the last 30 days',
      run: list({ state: ['failed', 'rolled-back'], from: last30Days() }),
    },
    {
      label: 'history, region + kind + state',
      run: list({ region: 'eastus', kind: 'failover', state: ['failed'] }),
    },
    {
      label: 'entity card (an entity’s 5 latest runs)',
      run: (store, i) =>
        store.listRuns(
          { entityRef: ENTITIES[i % ENTITIES.length] },
          { limit: 5 },
        ),
    },
  ];
}

/** Pages 2..N of the unfiltered history, each page's query timed alone. */
async function timePaging(
  store: DatabaseRunStore,
  pages: number,
): Promise<number[]> {
  const times: number[] = [];
  let cursor = (await store.listRuns({ region: 'westus' }, { limit: 50 }))
    .nextCursor;
  for (let p = 0; p < pages && cursor; p++) {
    const t = performance.now();
    const page = await store.listRuns(
      { region: 'westus' },
      { limit: 50, cursor },
    );
    times.push(performance.now() - t);
    cursor = page.nextCursor;
  }
  return times;
}

async function measure(
  db: Knex,
  label: string,
  count: number,
  samples: number,
): Promise<{ details: Detail[]; worstP95: number; worstLabel: string }> {
  await db.migrate.latest({ directory: MIGRATIONS });
  const t0 = performance.now();
  await seed(db, count);
  // Planner statistics, as autovacuum (PostgreSQL) keeps them for a table that
  // grew over time; straight after a bulk load the planner has none and picks
  // plans no live database would.
  await db.raw('ANALYZE');
  const seedSeconds = (performance.now() - t0) / 1000;
  const store = new DatabaseRunStore(db);
  const details: Detail[] = [
    {
      label: `${label}: seeded`,
      value: `${count} runs`,
      note: `${round(seedSeconds)} s, then ANALYZE`,
    },
  ];
  let worstP95 = 0;
  let worstLabel = '';
  const record = (name: string, times: number[]) => {
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    if (p95 > worstP95) {
      worstP95 = p95;
      worstLabel = `${label} ${name}`;
    }
    details.push({
      label: `${label}: ${name}`,
      value: `p50 ${round(p50)} ms, p95 ${round(p95)} ms`,
      note: `${times.length} queries, max ${round(Math.max(...times))} ms${
        p95 > TARGET_P95_MS ? `; p95 over ${TARGET_P95_MS} ms` : ''
      }`,
    });
  };
  for (const c of cases()) {
    // Warm the page cache and the statement path; the first query is not what users wait for.
    for (let i = 0; i < 5; i++) await c.run(store, i);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await c.run(store, i);
      times.push(performance.now() - t);
    }
    record(c.label, times);
  }
  record(
    'history, pages 2–N by cursor (region filter)',
    await timePaging(store, samples),
  );
  return { details, worstP95, worstLabel };
}

/** BENCH_POSTGRES_URL, or the server `./portal test` configures, whatever its version. */
function postgresUrl(): string | undefined {
  if (process.env.BENCH_POSTGRES_URL) return process.env.BENCH_POSTGRES_URL;
  const configured = Object.keys(process.env)
    .filter(name =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
    )
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  return configured.length ? process.env[configured[0]] : undefined;
}

/**
 * Figure 4: 100k runs seeded through the plugin's real migrations, then the
 * plugin's own store answers the History page's filtered, paginated queries
 * and the entity card's query, on SQLite and (when reachable) PostgreSQL.
 */
export async function historyAtScale(ctx: BenchContext): Promise<FigureResult> {
  const count = ctx.quick ? 20_000 : 100_000;
  const samples = ctx.quick ? 40 : 100;
  const details: Detail[] = [];
  const worst: { p95: number; label: string }[] = [];
  const notes: string[] = [];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'history.sqlite') },
    useNullAsDefault: true,
  });
  try {
    ctx.log(`SQLite: seeding ${count} runs`);
    const r = await measure(sqlite, 'SQLite', count, samples);
    details.push(...r.details);
    worst.push({ p95: r.worstP95, label: r.worstLabel });
  } finally {
    await sqlite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const url = postgresUrl();
  if (!url) {
    notes.push(
      'PostgreSQL not measured: no server configured (set BENCH_POSTGRES_URL or BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING)',
    );
    details.push({
      label: 'PostgreSQL',
      value: 'not available',
      note: notes[0],
    });
  } else {
    const name = `nt_infra_bench_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection: url });
    try {
      await admin.raw(`CREATE DATABASE ${name}`);
      const own = new URL(url);
      own.pathname = `/${name}`;
      const pg = knexFactory({ client: 'pg', connection: own.toString() });
      try {
        ctx.log(`PostgreSQL: seeding ${count} runs`);
        const r = await measure(pg, 'PostgreSQL', count, samples);
        details.push(...r.details);
        worst.push({ p95: r.worstP95, label: r.worstLabel });
      } finally {
        await pg.destroy();
      }
    } catch (e) {
      const message = `PostgreSQL not measured: ${(e as Error).message}`;
      notes.push(message);
      details.push({
        label: 'PostgreSQL',
        value: 'not available',
        note: message,
      });
    } finally {
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      await admin.destroy();
    }
  }

  const top = worst.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  const met = top.p95 <= TARGET_P95_MS;
  return {
    name: `History at scale (${count / 1000}k runs, worst query p95)`,
    unit: 'ms',
    value: round(top.p95),
    target: `p95 ≤ ${TARGET_P95_MS} ms for every history and entity-card query`,
    met,
    limitedBy:
      [met ? '' : `${top.label} p95 ${round(top.p95)} ms`, ...notes]
        .filter(Boolean)
        .join('; ') || undefined,
    details,
  };
}
