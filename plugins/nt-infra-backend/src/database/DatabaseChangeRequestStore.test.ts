import { TestDatabaseId } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { NewChangeRequest } from './ChangeRequestStore';
import { DatabaseChangeRequestStore } from './DatabaseChangeRequestStore';

const input: NewChangeRequest = {
  kind: 'scale-workload',
  title: 'Scale ntai-api in production',
  provider: 'local',
  requestedBy: 'user:default/alice',
  branch: 'nt-infra/scale-workload/abc',
  baseSha: 'a'.repeat(40),
  headSha: 'b'.repeat(40),
  params: { environment: 'production', workload: 'ntai-api', minReplicas: 4 },
  reason: 'peak',
  diff: '--- a\n+++ b\n',
  checks: [{ name: 'validateChaosLibrary', status: 'passed', problems: [] }],
};

describe('DatabaseChangeRequestStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return new DatabaseChangeRequestStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'stores change requests with transitions and idempotency keys on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const key = { key: 'k-1', requestHash: 'h1' };
      const at = new Date('2026-11-27T10:00:00.000Z');
      const cr = await store.create(input, key, at);
      expect(cr).toMatchObject({
        ...input,
        state: 'open',
        createdAt: at.toISOString(),
      });
      expect(await store.findByIdempotencyKey(input.requestedBy, key)).toEqual(
        cr,
      );
      await expect(
        store.findByIdempotencyKey(input.requestedBy, {
          ...key,
          requestHash: 'h2',
        }),
      ).rejects.toThrow(/already used for a different request/);

      const approved = await store.transition(cr.id, {
        from: ['open'],
        to: 'approved',
        actor: 'user:default/bob',
        reason: 'lgtm',
        approvedBy: 'user:default/bob',
      });
      expect(approved.approvedBy).toBe('user:default/bob');
      // Compare-and-set: a second approval (another replica) conflicts.
      await expect(
        store.transition(cr.id, {
          from: ['open'],
          to: 'approved',
          actor: 'x',
          reason: 'y',
        }),
      ).rejects.toThrow(/is approved; expected open/);
      expect(approved.transitions.map(t => [t.from, t.to])).toEqual([
        [undefined, 'open'],
        ['open', 'approved'],
      ]);
      expect(
        (await store.list({ state: 'approved', limit: 10 })).items.map(
          c => c.id,
        ),
      ).toEqual([cr.id]);
      expect(await store.list({ state: 'open', limit: 10 })).toEqual({
        items: [],
        nextCursor: undefined,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lists change requests newest first, page by page, without skipping or repeating on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const base = Date.parse('2026-11-27T10:00:00.000Z');
      // Two share a creation instant: the id breaks the tie.
      const created = [];
      for (const offset of [0, 1000, 1000, 2000, 3000]) {
        created.push(
          await store.create(input, undefined, new Date(base + offset)),
        );
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ limit: 2, cursor });
        seen.push(...page.items.map(c => c.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      const expected = [...created]
        .sort(
          (a, b) =>
            b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
        )
        .map(c => c.id);
      expect(seen).toEqual(expected);
      await expect(
        store.list({ limit: 2, cursor: "1' OR 1=1" }),
      ).rejects.toThrow(/Invalid query parameter 'cursor'/);
    },
  );
});
