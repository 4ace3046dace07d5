import { TestDatabaseId } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { DatabaseWindowStore } from './DatabaseWindowStore';
import {
  ALICE,
  BOB,
  CAROL,
  hoursFromNow,
  NETWORK_DELAY,
  newWindow,
  NOW,
  POD_FAILURE,
} from '../services/windows/__testUtils__/windowFixtures';

jest.setTimeout(60_000);

describe('DatabaseWindowStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return { store: DatabaseWindowStore.create({ db: knex }), knex };
  }

  const approve = { decision: 'approved', actor: BOB, reason: 'ok' } as const;

  it.each(databases.eachSupportedId())(
    'stores a requested window and lists windows latest start first, page by page, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const created = await store.create(newWindow(24, 4), NOW);
      expect(await store.get(created.id)).toEqual({
        id: created.id,
        environment: 'production',
        startsAt: '2026-12-02T08:00:00.000Z',
        endsAt: '2026-12-02T12:00:00.000Z',
        state: 'requested',
        requestedBy: ALICE,
        reason: 'weekly production chaos: API pod failure',
        limits: newWindow(24, 4).limits,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      expect(await store.get('00000000-0000-4000-8000-000000000000')).toBe(
        undefined,
      );

      const later = await store.create(newWindow(48, 2), NOW);
      const latest = await store.create(newWindow(72, 2), NOW);
      const first = await store.list({}, { limit: 2 });
      expect(first.items.map(w => w.id)).toEqual([latest.id, later.id]);
      expect(first.nextCursor).toBeDefined();
      const second = await store.list(
        {},
        { limit: 2, cursor: first.nextCursor },
      );
      expect(second.items.map(w => w.id)).toEqual([created.id]);
      expect(second.nextCursor).toBeUndefined();
      await expect(
        store.list({}, { limit: 2, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(`Invalid query parameter 'cursor'`);
    },
  );

  it.each(databases.eachSupportedId())(
    'filters by environment, state and overlap with a time range on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const tomorrow = await store.create(newWindow(24, 4), NOW);
      const nextWeek = await store.create(newWindow(24 * 7, 4), NOW);
      const staging = await store.create(
        newWindow(24, 4, { environment: 'staging' }),
        NOW,
      );
      await store.decide(nextWeek.id, approve, NOW);
      const ids = async (filter: Parameters<typeof store.list>[0]) =>
        (await store.list(filter, { limit: 10 })).items.map(w => w.id).sort();

      expect(await ids({ environment: 'staging' })).toEqual([staging.id]);
      expect(await ids({ state: ['approved'] })).toEqual([nextWeek.id]);
      expect(await ids({ state: ['requested', 'approved'] })).toHaveLength(3);
      // Tomorrow 11:00–12:00 overlaps the 08:00–12:00 windows only.
      expect(
        await ids({ from: hoursFromNow(27), to: hoursFromNow(28) }),
      ).toEqual([tomorrow.id, staging.id].sort());
      // Touching is not overlapping: [12:00, …) starts when they end.
      expect(
        await ids({ from: hoursFromNow(28), to: hoursFromNow(30) }),
      ).toEqual([]);
      expect(await ids({ from: hoursFromNow(100) })).toEqual([nextWeek.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent approvers decide, with one approvals row, on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const window = await store.create(newWindow(24, 4), NOW);
      const results = await Promise.allSettled([
        store.decide(window.id, approve, NOW),
        store.decide(
          window.id,
          { decision: 'rejected', actor: CAROL, reason: 'not this week' },
          NOW,
        ),
      ]);
      const won = results.filter(r => r.status === 'fulfilled');
      const lost = results.filter(r => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason.name).toBe(
        'ConflictError',
      );

      const stored = await store.get(window.id);
      const winner = (won[0] as PromiseFulfilledResult<typeof stored>).value;
      expect(stored).toEqual(winner);
      expect(stored?.decision?.actor).toBe(
        stored?.state === 'approved' ? BOB : CAROL,
      );
      const approvals = await knex('approvals').where({
        subject_type: 'window',
        subject_id: window.id,
      });
      expect(approvals).toHaveLength(1);

      await expect(store.decide(window.id, approve, NOW)).rejects.toThrow(
        /was already (approved|rejected) by user:default\/(bob|carol)/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses to approve a window overlapping an approved one in a shared region, even concurrently, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      // Six approvers, six windows all overlapping the first in westus.
      const windows = await Promise.all(
        [24, 25, 26, 27, 24.5, 25.5].map(start =>
          store.create(newWindow(start, 4), NOW),
        ),
      );
      const results = await Promise.allSettled(
        windows.map(w => store.decide(w.id, approve, NOW)),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      // Refused as conflicts, not as deadlocks or serialisation failures.
      expect(
        results.flatMap(r => (r.status === 'rejected' ? [r.reason.name] : [])),
      ).toEqual(Array(5).fill('ConflictError'));
      const approved = await store.list({ state: ['approved'] }, { limit: 10 });
      expect(approved.items).toHaveLength(1);
      const refused = results.find(r => r.status === 'rejected') as
        | PromiseRejectedResult
        | undefined;
      expect(refused?.reason.message).toMatch(
        /overlaps approved window '.*' .* in region westus/,
      );

      // Another region at the same time does not add to westus's blast radius.
      const eastus = await store.create(
        newWindow(24, 4, {}, { regions: ['eastus'] }),
        NOW,
      );
      await expect(
        store.decide(eastus.id, approve, NOW),
      ).resolves.toMatchObject({
        state: 'approved',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a decision once the window has started, and unknown windows, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const window = await store.create(newWindow(1, 2), NOW);
      await expect(
        store.decide(window.id, approve, hoursFromNow(1)),
      ).rejects.toThrow(/started at .* without a decision/);
      expect((await store.get(window.id))?.state).toBe('requested');
      await expect(
        store.decide('00000000-0000-4000-8000-000000000000', approve, NOW),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    },
  );

  it.each(databases.eachSupportedId())(
    'cancels requested or approved windows until they end on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const requested = await store.create(newWindow(24, 4), NOW);
      expect(await store.cancel(requested.id, NOW)).toMatchObject({
        state: 'cancelled',
      });
      await expect(store.cancel(requested.id, NOW)).rejects.toThrow(
        /is cancelled; only requested or approved/,
      );

      const approved = await store.create(newWindow(48, 4), NOW);
      await store.decide(approved.id, approve, NOW);
      // Running windows may be cancelled (an incident); ended ones may not.
      await expect(store.cancel(approved.id, hoursFromNow(52))).rejects.toThrow(
        /already ended at 2026-12-03T12:00:00.000Z/,
      );
      expect(await store.cancel(approved.id, hoursFromNow(50))).toMatchObject({
        state: 'cancelled',
        decision: { decision: 'approved', actor: BOB },
      });
      await expect(
        store.cancel('00000000-0000-4000-8000-000000000000', NOW),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    },
  );

  it.each(databases.eachSupportedId())(
    'expires requested windows whose start passed, once, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const due = await store.create(newWindow(1, 2), NOW);
      const notYet = await store.create(newWindow(5, 2), NOW);
      const approved = await store.create(
        newWindow(1, 2, {}, { regions: ['eastus'] }),
        NOW,
      );
      await store.decide(approved.id, approve, NOW);

      const expired = await store.expireDue(hoursFromNow(1));
      expect(expired.map(w => [w.id, w.state])).toEqual([[due.id, 'expired']]);
      expect(await store.expireDue(hoursFromNow(1))).toEqual([]);
      expect((await store.get(notYet.id))?.state).toBe('requested');
      expect((await store.get(approved.id))?.state).toBe('approved');
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the approved window covering an instant, experiment and regions on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const window = await store.create(
        newWindow(24, 4, {}, { regions: ['eastus', 'westus'] }),
        NOW,
      );
      const query = {
        environment: 'production' as const,
        experiment: POD_FAILURE,
        regions: ['westus'],
        at: hoursFromNow(25),
      };
      // Requested is not enough.
      expect(await store.findCoveringWindow(query)).toBeUndefined();
      await store.decide(window.id, approve, NOW);

      expect(await store.findCoveringWindow(query)).toMatchObject({
        id: window.id,
        decision: { actor: BOB, decision: 'approved' },
      });
      expect(
        await store.findCoveringWindow({
          ...query,
          regions: ['eastus', 'westus'],
        }),
      ).toMatchObject({ id: window.id });
      for (const outside of [
        { at: hoursFromNow(23) },
        { at: hoursFromNow(28) }, // the end is exclusive
        { experiment: NETWORK_DELAY },
        { regions: ['westus', 'northeurope'] },
        { regions: [] },
        { environment: 'staging' as const },
      ]) {
        expect(
          await store.findCoveringWindow({ ...query, ...outside }),
        ).toBeUndefined();
      }
      expect(
        await store.findCoveringWindow({ ...query, at: hoursFromNow(24) }),
      ).toMatchObject({ id: window.id });

      await store.cancel(window.id, hoursFromNow(25));
      expect(await store.findCoveringWindow(query)).toBeUndefined();
    },
  );
});
