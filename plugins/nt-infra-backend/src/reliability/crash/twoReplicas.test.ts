import { TERMINAL_RUN_STATES } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseRunStore } from '../../database/DatabaseRunStore';
import { requireTestPostgres } from '../../database/__testUtils__/testDatabases';
import {
  BackendLauncher,
  BackendProcess,
} from './__testUtils__/BackendLauncher';
import { CrashDatabase, postgresDatabase } from './__testUtils__/crashDatabase';
import {
  chaosRequest,
  childConfig,
  CRASH_SPEED,
  PortalClient,
  writeCrashRepo,
} from './__testUtils__/crashWorld';
import {
  chaosViolations,
  timelineViolations,
  trafficViolations,
} from './__testUtils__/invariants';
import { SandboxEvent } from './__testUtils__/killPlan';

jest.setTimeout(600_000);

// Replicas share state only through PostgreSQL: CI fails without it, a
// local run skips and says so.
const PG = requireTestPostgres('the two-replica crash suite')?.connectionString;

/**
 * A replica keeps its runs while it renews their leases every tick. On a loaded
 * 2-core machine a process was seen stalled for over 11 s; a lease shorter than
 * that hands a live replica's runs to the other one, which is the very thing
 * this test must not see. The survivor takes the killed one's runs over one
 * lease later, so a long lease costs only wall time.
 */
const LEASE_SECONDS = 20;
/** Longer than any phase of this test takes on a loaded machine. */
const PHASE_TIMEOUT_MS = 180_000;
const WORKLOADS = ['ntai-api', 'ntai-web', 'ntai-worker'];

const ownersOf = (m: Map<string, Set<string>>) =>
  new Set([...m.values()].flatMap(set => [...set]));

/** Polls the lease owner of every run, filed under the current phase. */
function watchLeases(db: Knex) {
  const owners = {
    both: new Map<string, Set<string>>(),
    survivor: new Map<string, Set<string>>(),
  };
  const state = {
    owners,
    phase: 'both' as keyof typeof owners,
    watching: true,
    takenSince: 0,
    done: Promise.resolve(),
    async stop() {
      state.watching = false;
      await state.done;
    },
  };
  state.done = (async () => {
    while (state.watching) {
      const seenIn = state.phase;
      const rows = await db('runs')
        .select('id', 'lease_owner')
        .whereNotNull('lease_owner')
        // After the kill, only leases taken since: the dead replica's stay
        // in the table until they expire.
        .andWhere('lease_expires_at', '>=', state.takenSince);
      for (const row of rows) {
        const set = owners[seenIn].get(row.id) ?? new Set<string>();
        set.add(row.lease_owner);
        owners[seenIn].set(row.id, set);
      }
      await new Promise(r => setTimeout(r, 10));
    }
  })();
  return state;
}
const REGIONS = ['eastus', 'westus'];

(PG ? describe : describe.skip)(
  'two backend replicas sharing PostgreSQL',
  () => {
    let tmp: string;
    let sandbox: TestSandbox;
    let database: CrashDatabase;
    let launcher: BackendLauncher;
    const events: SandboxEvent[] = [];

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-crash-replicas-'));
      launcher = BackendLauncher.create({
        logDir: path.join(tmp, 'logs'),
        standbys: 2,
      });
      launcher.prepare();
      sandbox = await startTestSandbox({
        speed: CRASH_SPEED,
        onEvent: e => events.push(e),
      });
      database = postgresDatabase(PG!);
    });

    afterAll(async () => {
      await launcher?.close();
      await sandbox?.stop();
      await database?.dispose();
      if (tmp && !process.env.NT_CRASH_KEEP) {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('drives each run with one replica, and the survivor takes over a killed one’s runs', async () => {
      const started = Date.now();
      const config = childConfig({
        endpoints: sandbox.endpoints,
        repoRoot: writeCrashRepo(path.join(tmp, 'repo')),
        database: database.backendConfig,
        leaseSeconds: LEASE_SECONDS,
      });
      // One after the other: the first creates the database and migrates it.
      const replicas: BackendProcess[] = [];
      replicas.push(await launcher.start(config, { keepStandby: false }));
      replicas.push(await launcher.start(config, { keepStandby: false }));
      const clients = replicas.map(r => new PortalClient(r.baseUrl));
      const runs = new DatabaseRunStore(database.knex());

      // A replica keeps per-run state in memory (stop-condition durations,
      // failover samples not yet written), so a run must stay with the
      // replica that drives it until that one dies.
      const leases = watchLeases(database.knex());

      // Distinct pods per run, so no run's fault changes another's targets.
      const ids: string[] = [];
      for (const [i, workload] of WORKLOADS.entries()) {
        for (const [j, region] of REGIONS.entries()) {
          const client = clients[(i + j) % 2];
          ids.push(
            await client.startChaos(
              chaosRequest({ workload, regions: [region], duration: '4s' }),
            ),
          );
        }
      }
      ids.push(await clients[1].startFailover('disable-endpoint'));

      // Kill the first replica once half the runs are running.
      const halfRunningBy = Date.now() + PHASE_TIMEOUT_MS;
      for (;;) {
        const states = await Promise.all(
          ids.map(async id => (await runs.getRun(id))!.state),
        );
        if (states.filter(s => s === 'running').length >= ids.length / 2) break;
        if (Date.now() > halfRunningBy) {
          throw new Error(
            `half of the runs never ran together within ${PHASE_TIMEOUT_MS} ms: ${states.join(
              ', ',
            )}`,
          );
        }
        await new Promise(r => setTimeout(r, 20));
      }
      replicas[0].kill();
      await replicas[0].exited;
      leases.takenSince = Date.now() + LEASE_SECONDS * 1000;
      leases.phase = 'survivor';

      const violations: string[] = [];
      const ended = [];
      for (const id of ids) {
        // A lease to expire, then the survivor's ticks.
        const deadline = Date.now() + LEASE_SECONDS * 1000 + PHASE_TIMEOUT_MS;
        for (;;) {
          const run = (await runs.getRun(id))!;
          if (TERMINAL_RUN_STATES.includes(run.state)) {
            ended.push(run);
            break;
          }
          if (Date.now() > deadline) {
            throw new Error(
              `run ${id} still ${run.state} ${
                LEASE_SECONDS * 1000 + PHASE_TIMEOUT_MS
              } ms after the kill: ${JSON.stringify(
                run.transitions.map(t => `${t.to}: ${t.reason}`),
              )}`,
            );
          }
          await new Promise(r => setTimeout(r, 50));
        }
      }
      await leases.stop();
      for (const run of ended) {
        violations.push(...timelineViolations(run, ['completed']));
      }
      violations.push(...chaosViolations(events));
      violations.push(...trafficViolations(await sandbox.state()));
      // Applied once: one creation per run's object, whoever drove it.
      const created = events.filter(e => e.type === 'chaos.created').length;
      if (created !== WORKLOADS.length * REGIONS.length) {
        violations.push(
          `${created} chaos objects created for ${
            WORKLOADS.length * REGIONS.length
          } runs`,
        );
      }
      for (const [id, set] of leases.owners.both) {
        if (set.size > 1) {
          violations.push(
            `run ${id} was driven by ${set.size} replicas while both were alive`,
          );
        }
      }
      const both = ownersOf(leases.owners.both);
      const survivors = ownersOf(leases.owners.survivor);
      const takenOver = [...leases.owners.survivor.keys()].filter(id =>
        [...(leases.owners.both.get(id) ?? [])].some(o => !survivors.has(o)),
      ).length;
      expect(replicas[1].alive()).toBe(true);

      process.stdout.write(
        [
          'two-replica crash suite (PostgreSQL):',
          `  runs checked: ${ended.length} (${ended
            .map(r => r.state)
            .join(', ')})`,
          `  lease owners while both lived: ${both.size}, after the kill: ${survivors.size}; runs taken over: ${takenOver}`,
          `  chaos objects created: ${created}; violations found: ${violations.length}`,
          `  wall time: ${Math.round((Date.now() - started) / 1000)} s`,
          '',
        ].join('\n'),
      );
      expect(violations).toEqual([]);
      // Both replicas drove runs; the survivor alone once one was killed.
      expect(both.size).toBe(2);
      expect(survivors.size).toBe(1);
      expect(takenOver).toBeGreaterThan(0);
    });
  },
);
