import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseRunStore, MAX_STEP_NOTES_CHARS } from './DatabaseRunStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { NewRun } from './RunStore';
import { createTestDatabases } from './__testUtils__/testDatabases';

const gameDay: NewRun = {
  kind: 'gameday',
  environment: 'staging',
  regions: ['eastus', 'westus'],
  title: 'GameDay: East US region failover',
  requestedBy: 'user:default/alice',
  params: { scenario: 'staging-region-failover' },
  state: 'approved',
  reason: 'staging GameDays need no window',
};

describe('DatabaseRunStore steps', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return new DatabaseRunStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'creates steps, updates them in place and keeps what an update omits on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const { run } = await store.createRun(gameDay);
      const started = new Date('2026-11-26T10:00:00.000Z');
      const ended = new Date('2026-11-26T10:05:00.000Z');
      // Out of order on purpose: getRun orders by seq.
      await store.upsertStep(run.id, {
        seq: 1,
        name: 'wait',
        state: 'pending',
      });
      await store.upsertStep(run.id, {
        seq: 0,
        name: 'pod-failure',
        state: 'pending',
        details: { type: 'chaos' },
      });
      await store.upsertStep(run.id, {
        seq: 0,
        name: 'pod-failure',
        state: 'running',
        startedAt: started,
      });
      await store.upsertStep(run.id, {
        seq: 0,
        name: 'pod-failure',
        state: 'passed',
        details: { type: 'chaos', childRunId: 'c-1' },
        endedAt: ended,
      });
      const detail = await store.getRun(run.id);
      expect(detail!.steps).toEqual([
        {
          seq: 0,
          name: 'pod-failure',
          state: 'passed',
          details: { type: 'chaos', childRunId: 'c-1' },
          startedAt: started.toISOString(),
          endedAt: ended.toISOString(),
        },
        { seq: 1, name: 'wait', state: 'pending' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'appends notes without losing concurrent ones or being dropped by step updates on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const { run } = await store.createRun(gameDay);
      await store.upsertStep(run.id, {
        seq: 0,
        name: 'check',
        state: 'running',
      });
      const lines = Array.from({ length: 8 }, (_, i) => `note ${i}`);
      await Promise.all([
        ...lines.map(l => store.appendStepNote(run.id, 0, l)),
        store.upsertStep(run.id, {
          seq: 0,
          name: 'check',
          state: 'running',
          details: { samples: 3 },
        }),
      ]);
      const step = (await store.getRun(run.id))!.steps[0];
      expect(step.notes!.split('\n').sort()).toEqual(lines);
      expect(step.details).toEqual({ samples: 3 });

      expect(await store.appendStepNote(run.id, 7, 'nowhere')).toBe(false);
      await expect(
        store.appendStepNote(run.id, 0, 'x'.repeat(MAX_STEP_NOTES_CHARS)),
      ).rejects.toThrow(/notes of step 0 .* are full/);
    },
  );
});
