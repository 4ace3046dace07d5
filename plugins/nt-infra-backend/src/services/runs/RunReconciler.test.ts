import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseRunStore } from '../../database/DatabaseRunStore';
import { HaltStore } from '../../database/HaltStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { RunHandler, RunTick } from './RunHandler';
import { RunReconciler } from './RunReconciler';

/** A two-step machine: approved → running → completed, recording who ticked. */
function recordingHandler(ticks: string[], owner: string): RunHandler {
  return {
    kind: 'chaos',
    async tick(t: RunTick) {
      ticks.push(`${owner}:${t.run.id}:${t.run.state}`);
      if (t.run.state === 'approved') {
        await t.transition('running', 'started');
      } else if (t.run.state === 'running') {
        await t.transition('completed', t.halted ? 'halted' : 'done');
      }
    },
  };
}

describe('RunReconciler', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const runs = new DatabaseRunStore(knex);
    const halt = new HaltStore(knex);
    const create = () =>
      runs.createRun({
        kind: 'chaos',
        environment: 'staging',
        regions: ['eastus'],
        title: 't',
        requestedBy: 'user:default/alice',
        params: {},
        state: 'approved',
        reason: 'staging',
      });
    return { runs, halt, create };
  }

  it.each(databases.eachSupportedId())(
    'drives each run with exactly one of two replicas on %p',
    async databaseId => {
      const { runs, halt, create } = await setup(databaseId);
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => create()));
      const ticks: string[] = [];
      const replicas = ['a', 'b'].map(
        owner =>
          new RunReconciler({
            runs,
            halt,
            handlers: [recordingHandler(ticks, owner)],
            logger: mockServices.logger.mock(),
            owner,
          }),
      );
      await Promise.all(replicas.map(r => r.tick()));
      // Each run ticked once in the first pass, by one replica.
      const firstPass = ticks.map(t => t.split(':')[1]);
      expect(firstPass.sort()).toEqual(ids.map(i => i.run.id).sort());

      await Promise.all(replicas.map(r => r.tick()));
      for (const { run } of ids) {
        const detail = await runs.getRun(run.id);
        expect(detail!.state).toBe('completed');
        expect(detail!.transitions.map(t => t.to)).toEqual([
          'approved',
          'running',
          'completed',
        ]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'hands its runs over at once when it stops, instead of after the lease on %p',
    async databaseId => {
      const { runs, halt, create } = await setup(databaseId);
      const { run } = await create();
      const ticks: string[] = [];
      const replica = (owner: string) =>
        new RunReconciler({
          runs,
          halt,
          handlers: [recordingHandler(ticks, owner)],
          logger: mockServices.logger.mock(),
          owner,
          leaseMs: 3600_000,
        });
      const [a, b] = [replica('a'), replica('b')];
      await a.tick();
      // a holds the run for an hour: b may not touch it.
      await b.tick();
      expect(ticks).toEqual([`a:${run.id}:approved`]);
      await a.release();
      await a.tick();
      await b.tick();
      expect(ticks).toEqual([`a:${run.id}:approved`, `b:${run.id}:running`]);
      expect((await runs.getRun(run.id))!.state).toBe('completed');
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves a run whose tick failed active and retries it on %p',
    async databaseId => {
      const { runs, halt, create } = await setup(databaseId);
      const { run } = await create();
      let failures = 1;
      const flaky: RunHandler = {
        kind: 'chaos',
        async tick(t) {
          if (failures-- > 0) throw new Error('cluster unreachable');
          await t.transition('running', 'started');
        },
      };
      const reconciler = new RunReconciler({
        runs,
        halt,
        handlers: [flaky],
        logger: mockServices.logger.mock(),
      });
      await reconciler.tick();
      expect((await runs.getRun(run.id))!.state).toBe('approved');
      await reconciler.tick();
      expect((await runs.getRun(run.id))!.state).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'does not take a run leased by a live replica, but takes it once the lease expired on %p',
    async databaseId => {
      const { runs, create } = await setup(databaseId);
      const { run } = await create();
      const now = new Date('2026-11-26T10:00:00Z');
      expect(
        await runs.claimRuns({
          owner: 'a',
          states: ['approved'],
          now,
          leaseMs: 30_000,
          limit: 10,
        }),
      ).toEqual([run.id]);
      expect(
        await runs.claimRuns({
          owner: 'b',
          states: ['approved'],
          now,
          leaseMs: 30_000,
          limit: 10,
        }),
      ).toEqual([]);
      const later = new Date(now.getTime() + 30_001);
      expect(
        await runs.claimRuns({
          owner: 'b',
          states: ['approved'],
          now: later,
          leaseMs: 30_000,
          limit: 10,
        }),
      ).toEqual([run.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells handlers when halt-all is engaged on %p',
    async databaseId => {
      const { runs, halt, create } = await setup(databaseId);
      const { run } = await create();
      const ticks: string[] = [];
      const reconciler = new RunReconciler({
        runs,
        halt,
        handlers: [recordingHandler(ticks, 'a')],
        logger: mockServices.logger.mock(),
      });
      await reconciler.tick();
      await halt.set(true, 'user:default/bob', 'stop everything');
      await reconciler.tick();
      const detail = await runs.getRun(run.id);
      expect(detail!.transitions[2]).toMatchObject({
        to: 'completed',
        reason: 'halted',
      });
    },
  );
});
