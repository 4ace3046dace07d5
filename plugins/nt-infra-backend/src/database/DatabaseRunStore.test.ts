import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseRunStore } from './DatabaseRunStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { NewRun } from './RunStore';
import { createTestDatabases } from './__testUtils__/testDatabases';

const chaosRun: NewRun = {
  kind: 'chaos',
  environment: 'production',
  regions: ['westus'],
  title: 'API pod failure (10%)',
  entityRef: 'component:default/ntai-api',
  experimentRef: 'PodChaos/ntai/api-pod-failure-10pct',
  requestedBy: 'user:default/alice',
  params: { duration: '5m' },
  state: 'pending-approval',
  reason: 'production needs an approved window',
};

describe('DatabaseRunStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return new DatabaseRunStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'creates a run with its first transition on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const at = new Date('2026-11-26T10:00:00.000Z');
      const { run, created } = await store.createRun(chaosRun, undefined, at);
      expect(created).toBe(true);
      const detail = await store.getRun(run.id);
      expect(detail).toMatchObject({
        kind: 'chaos',
        environment: 'production',
        regions: ['westus'],
        state: 'pending-approval',
        requestedBy: 'user:default/alice',
        params: { duration: '5m' },
        createdAt: '2026-11-26T10:00:00.000Z',
        transitions: [
          {
            to: 'pending-approval',
            actor: 'user:default/alice',
            reason: 'production needs an approved window',
            at: '2026-11-26T10:00:00.000Z',
          },
        ],
        steps: [],
      });
      expect(await store.getRun('missing')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'returns the same run for the same idempotency key and refuses reuse for another request on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const key = { key: 'k-1', operation: 'chaos.run', requestHash: 'h1' };
      const first = await store.createRun(chaosRun, key);
      const again = await store.createRun(chaosRun, key);
      expect(again).toEqual({ run: first.run, created: false });
      await expect(
        store.createRun(chaosRun, { ...key, requestHash: 'h2' }),
      ).rejects.toThrow(/already used for a different request/);
      // Another actor may use the same key for their own request.
      const other = await store.createRun(
        { ...chaosRun, requestedBy: 'user:default/bob' },
        key,
      );
      expect(other.created).toBe(true);
      expect((await store.listRuns({}, { limit: 10 })).items).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'records transitions only from the expected state on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const { run } = await store.createRun(chaosRun);
      await store.transition(run.id, {
        from: ['pending-approval'],
        to: 'approved',
        actor: 'user:default/bob',
        reason: 'approved for window W-1',
      });
      await expect(
        store.transition(run.id, {
          from: ['pending-approval'],
          to: 'rejected',
          actor: 'user:default/carol',
          reason: 'too late',
        }),
      ).rejects.toThrow(/is approved; it can only become rejected/);

      const started = new Date('2026-11-26T11:00:00.000Z');
      const ended = new Date('2026-11-26T11:05:00.000Z');
      await store.transition(run.id, {
        from: ['approved'],
        to: 'running',
        actor: 'nt-infra',
        reason: 'fault applied',
        startedAt: started,
      });
      const done = await store.transition(run.id, {
        from: ['running'],
        to: 'rolled-back',
        actor: 'nt-infra',
        reason: 'stop condition ntai:slo_burn_rate:5m > 14.4',
        details: { value: 20.1 },
        outcome: { rolledBack: true },
        endedAt: ended,
      });
      expect(done).toMatchObject({
        state: 'rolled-back',
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        outcome: { rolledBack: true },
      });
      const detail = await store.getRun(run.id);
      expect(detail!.transitions.map(t => [t.from, t.to])).toEqual([
        [undefined, 'pending-approval'],
        ['pending-approval', 'approved'],
        ['approved', 'running'],
        ['running', 'rolled-back'],
      ]);
      expect(detail!.transitions[3].details).toEqual({ value: 20.1 });
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent transitions win on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const { run } = await store.createRun(chaosRun);
      const attempts = await Promise.allSettled(
        ['user:default/bob', 'user:default/carol'].map(actor =>
          store.transition(run.id, {
            from: ['pending-approval'],
            to: 'approved',
            actor,
            reason: 'approve',
          }),
        ),
      );
      expect(attempts.filter(a => a.status === 'fulfilled')).toHaveLength(1);
      const detail = await store.getRun(run.id);
      expect(detail!.transitions).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'filters and pages the history without gaps or repeats on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const base = Date.parse('2026-11-01T00:00:00.000Z');
      // Several runs share a timestamp to exercise the id tie-break.
      for (let i = 0; i < 25; i++) {
        await store.createRun(
          {
            ...chaosRun,
            kind: i % 3 === 0 ? 'failover' : 'chaos',
            environment: i % 2 ? 'staging' : 'production',
            regions: i % 5 === 0 ? ['eastus', 'westus'] : ['eastus'],
            title: `run ${i}`,
          },
          undefined,
          new Date(base + Math.floor(i / 3) * 60_000),
        );
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listRuns({}, { limit: 4, cursor });
        seen.push(...page.items.map(r => r.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);

      const westus = await store.listRuns({ region: 'westus' }, { limit: 50 });
      expect(westus.items.map(r => r.title).sort()).toEqual(
        ['run 0', 'run 10', 'run 15', 'run 20', 'run 5'].sort(),
      );
      expect(westus.items[0].regions).toEqual(['eastus', 'westus']);

      const failoversInProduction = await store.listRuns(
        { kind: 'failover', environment: 'production' },
        { limit: 50 },
      );
      expect(failoversInProduction.items.map(r => r.title).sort()).toEqual(
        ['run 0', 'run 12', 'run 18', 'run 24', 'run 6'].sort(),
      );

      const window = await store.listRuns(
        {
          from: new Date(base + 2 * 60_000).toISOString(),
          to: new Date(base + 4 * 60_000).toISOString(),
        },
        { limit: 50 },
      );
      expect(window.items.map(r => r.title).sort()).toEqual(
        ['run 6', 'run 7', 'run 8', 'run 9', 'run 10', 'run 11'].sort(),
      );

      await expect(
        store.listRuns({}, { limit: 1, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(/'cursor'/);
    },
  );
});
