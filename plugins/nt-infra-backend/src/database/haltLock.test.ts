import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseRunStore } from './DatabaseRunStore';
import { HaltStore } from './HaltStore';
import { lockHaltSwitch } from './haltLock';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { NewRun } from './RunStore';
import { createTestDatabases } from './__testUtils__/testDatabases';

const approvedRun: NewRun = {
  kind: 'chaos',
  environment: 'staging',
  regions: ['eastus'],
  title: 'API pod failure',
  requestedBy: 'user:default/alice',
  params: {},
  state: 'approved',
  reason: 'staging needs no window',
};

const start = {
  from: ['approved' as const],
  to: 'running' as const,
  actor: 'nt-infra',
  reason: 'fault applied',
  unlessHalted: true,
};

describe('a run start against the halt-all switch', () => {
  const databases = createTestDatabases();

  async function init(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const runs = new DatabaseRunStore(knex);
    const { run } = await runs.createRun(approvedRun);
    return { knex, runs, halt: new HaltStore(knex), run };
  }

  it.each(databases.eachSupportedId())(
    'is refused while the switch is engaged and goes through once released (%p)',
    async databaseId => {
      const { runs, halt, run } = await init(databaseId);
      await halt.set(true, 'user:default/bob', 'incident');
      await expect(runs.transition(run.id, start)).rejects.toThrow(
        'halt-all is engaged',
      );
      expect((await runs.getRun(run.id))?.state).toBe('approved');
      await halt.set(false, 'user:default/bob', 'resolved');
      await runs.transition(run.id, start);
      expect((await runs.getRun(run.id))?.state).toBe('running');
    },
  );

  it.each(
    databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
  )(
    'waits for a halt being pulled in another replica and then reads it engaged (%p)',
    async databaseId => {
      const { knex, runs, run } = await init(databaseId);
      // A halt whose transaction holds the switch's lock and has not committed.
      const pulling = await knex.transaction();
      await lockHaltSwitch(pulling, 'exclusive');
      await pulling('halt_switch')
        .insert({
          id: 'global',
          engaged: true,
          changed_by: 'user:default/bob',
          reason: 'incident',
          changed_at: Date.now(),
        })
        .onConflict('id')
        .merge();
      let settled = false;
      const starting = runs.transition(run.id, start).finally(() => {
        settled = true;
      });
      starting.catch(() => undefined);
      await new Promise(resolve => setTimeout(resolve, 1000));
      // Without the lock the start would have read the old switch and run.
      expect(settled).toBe(false);
      await pulling.commit();
      await expect(starting).rejects.toThrow('halt-all is engaged');
      expect((await runs.getRun(run.id))?.state).toBe('approved');
    },
  );
});
