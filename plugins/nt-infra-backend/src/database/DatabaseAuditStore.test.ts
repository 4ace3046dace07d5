import { Knex } from 'knex';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { createTestDatabases } from './__testUtils__/testDatabases';

/**
 * The message a database refusal carried. better-sqlite3's native addon is
 * loaded once per jest worker and keeps the error class of the first test
 * file that loaded it, so in later files its errors come from another realm:
 * not `instanceof Error` here, and jest's `toThrow` reports "did not throw".
 */
async function rejectionMessage(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  return 'the statement succeeded';
}

describe('DatabaseAuditStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return { knex, store: new DatabaseAuditStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'appends events and reads them back newest first on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const at = new Date('2026-11-26T10:00:00.000Z');
      const first = await store.append(
        {
          actor: 'user:default/alice',
          action: 'chaos.run.request',
          targetType: 'run',
          targetId: 'run-1',
          decision: 'allowed',
          reason: 'staging needs no approval',
          details: { blastRadius: { pods: 1, of: 10 } },
        },
        at,
      );
      await store.append(
        {
          actor: 'user:default/alice',
          action: 'chaos.run.approve',
          targetType: 'run',
          targetId: 'run-1',
          decision: 'denied',
          reason: 'approver must not be the requester',
        },
        new Date(at.getTime() + 1000),
      );

      const { items, nextCursor } = await store.list({ limit: 10 });
      expect(nextCursor).toBeUndefined();
      expect(items.map(e => e.action)).toEqual([
        'chaos.run.approve',
        'chaos.run.request',
      ]);
      expect(items[1]).toEqual({
        ...first,
        at: '2026-11-26T10:00:00.000Z',
        details: { blastRadius: { pods: 1, of: 10 } },
      });
      expect(items[0].details).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'pages with a cursor without skipping or repeating on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (let i = 0; i < 7; i++) {
        await store.append({
          actor: i % 2 ? 'user:default/bob' : 'user:default/alice',
          action: `action-${i}`,
          decision: 'recorded',
          reason: 'test',
        });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 3, cursor });
        seen.push(...page.items.map(e => e.action));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map(i => `action-${i}`));

      const bobs = await store.list({ limit: 10, actor: 'user:default/bob' });
      expect(bobs.items.map(e => e.action)).toEqual([
        'action-5',
        'action-3',
        'action-1',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'filters by decision, paging within the filter, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const decisions = ['allowed', 'denied', 'recorded'] as const;
      for (let i = 0; i < 8; i++) {
        await store.append({
          actor: 'user:default/alice',
          action: `action-${i}`,
          decision: decisions[i % 3],
          reason: 'test',
        });
      }
      const denied: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 1, cursor, decision: 'denied' });
        denied.push(...page.items.map(e => `${e.action}:${e.decision}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(denied).toEqual([
        'action-7:denied',
        'action-4:denied',
        'action-1:denied',
      ]);

      const allowedByAlice = await store.list({
        limit: 10,
        actor: 'user:default/alice',
        decision: 'allowed',
      });
      expect(allowedByAlice.items.map(e => e.action)).toEqual([
        'action-6',
        'action-3',
        'action-0',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects a malformed cursor as bad input on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await expect(
        store.list({ limit: 1, cursor: "1' OR 1=1" }),
      ).rejects.toThrow(/'cursor'/);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses UPDATE and DELETE of audit events in the database itself on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const event = await store.append({
        actor: 'user:default/alice',
        action: 'window.approve',
        targetType: 'window',
        targetId: 'w-1',
        decision: 'denied',
        reason: 'approver must not be the requester',
      });
      const rowsBefore = await knex('audit_events').orderBy('id');
      // Whoever holds the connection, not only this store's API.
      await expect(
        rejectionMessage(knex('audit_events').update({ decision: 'allowed' })),
      ).resolves.toMatch(/append-only: UPDATE refused/);
      await expect(
        rejectionMessage(knex('audit_events').del()),
      ).resolves.toMatch(/append-only: DELETE refused/);
      await expect(
        rejectionMessage(
          knex.raw('DELETE FROM audit_events WHERE id = ?', [event.id]),
        ),
      ).resolves.toMatch(/append-only/);
      // SQLite has no TRUNCATE; its unqualified DELETE is the same wipe.
      const wipe = databaseId.startsWith('SQLITE')
        ? 'DELETE FROM audit_events'
        : 'TRUNCATE audit_events';
      await expect(rejectionMessage(knex.raw(wipe))).resolves.toMatch(
        /append-only/,
      );
      expect(await knex('audit_events').orderBy('id')).toEqual(rowsBefore);
      // Appending still works.
      await store.append({
        actor: 'user:default/bob',
        action: 'window.approve',
        decision: 'allowed',
        reason: 'ok',
      });
      expect(await knex('audit_events')).toHaveLength(rowsBefore.length + 1);
    },
  );
});
