import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { DefaultSignalsService } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { DatabaseChangeRequestStore } from '../database/DatabaseChangeRequestStore';
import { DatabaseRunStore } from '../database/DatabaseRunStore';
import { MIGRATIONS_DIRECTORY } from '../database/migrateDatabase';
import { NewRun } from '../database/RunStore';
import { createTestDatabases } from '../database/__testUtils__/testDatabases';
import { DatabaseWindowStore } from '../database/DatabaseWindowStore';
import {
  BOB,
  newWindow,
  NOW,
} from '../services/windows/__testUtils__/windowFixtures';
import { SignallingChangeRequestStore } from './SignallingChangeRequestStore';
import { SignallingHaltStore } from './SignallingHaltStore';
import { SignallingRunStore } from './SignallingRunStore';
import { SignallingWindowStore } from './SignallingWindowStore';
import { SignalPublisher } from './SignalPublisher';

jest.setTimeout(60_000);

const chaosRun: NewRun = {
  kind: 'chaos',
  environment: 'staging',
  regions: ['eastus'],
  title: 'API pod failure',
  requestedBy: 'user:default/alice',
  params: {},
  state: 'approved',
  reason: 'staging needs no window',
};

/**
 * The real signals service on the real events bus, with a subscriber in
 * the place of the signals backend: what it receives is what a browser's
 * websocket would be sent.
 */
async function signalsOnTheBus() {
  const logger = mockServices.logger.mock();
  const events = DefaultEventsService.create({ logger });
  const received: Array<{ channel: string; message: any }> = [];
  await events.subscribe({
    id: 'test-signals-backend',
    topics: ['signals'],
    onEvent: async event => {
      received.push(event.eventPayload as any);
    },
  });
  const publisher = new SignalPublisher(
    DefaultSignalsService.create({ events }),
    logger,
  );
  return { publisher, received };
}

async function eventually(check: () => void) {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (error) {
      if (i > 100) throw error;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
}

describe('signalling stores', () => {
  const databases = createTestDatabases();
  let db: Knex;

  beforeAll(async () => {
    db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  });

  it('publishes a run on its own channel and the list channel at creation and each transition, and its progress on its own, once each', async () => {
    const { publisher, received } = await signalsOnTheBus();
    const runs = new SignallingRunStore(new DatabaseRunStore(db), publisher);

    const { run } = await runs.createRun(chaosRun);
    await runs.transition(run.id, {
      from: ['approved'],
      to: 'running',
      actor: 'nt-infra:reconciler',
      reason: 'fault applied',
    });
    // A refused transition is not persisted, so nothing is published for it.
    await expect(
      runs.transition(run.id, {
        from: ['approved'],
        to: 'aborted',
        actor: 'user:default/bob',
        reason: 'too late',
      }),
    ).rejects.toThrow();
    await runs.upsertStep(run.id, { seq: 0, name: 'inject', state: 'running' });
    await runs.updateOutcome(run.id, { detectionSeconds: 12 });

    await eventually(() => expect(received).toHaveLength(6));
    expect(
      received.map(s => [s.channel, s.message.change, s.message.state]),
    ).toEqual([
      ['nt-infra:runs', 'created', 'approved'],
      [`nt-infra:run:${run.id}`, 'created', 'approved'],
      ['nt-infra:runs', 'transition', 'running'],
      [`nt-infra:run:${run.id}`, 'transition', 'running'],
      [`nt-infra:run:${run.id}`, 'progress', undefined],
      [`nt-infra:run:${run.id}`, 'progress', undefined],
    ]);
    expect(received[0]).toMatchObject({
      recipients: { type: 'broadcast' },
      message: { type: 'run', id: run.id, kind: 'chaos' },
    });
  });

  it('publishes nothing for a replayed idempotent request', async () => {
    const { publisher, received } = await signalsOnTheBus();
    const runs = new SignallingRunStore(new DatabaseRunStore(db), publisher);
    const key = { key: 'k-1', operation: 'runs.chaos', requestHash: 'h' };
    await runs.createRun(chaosRun, key);
    await runs.createRun(chaosRun, key);
    await eventually(() => expect(received).toHaveLength(2));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received).toHaveLength(2);
  });

  it('publishes every window request, decision and expiry on nt-infra:windows', async () => {
    const { publisher, received } = await signalsOnTheBus();
    const windows = new SignallingWindowStore(
      DatabaseWindowStore.create({ db }),
      publisher,
    );
    const approved = await windows.create(newWindow(24, 4), NOW);
    await windows.decide(
      approved.id,
      { decision: 'approved', actor: BOB, reason: 'ok' },
      NOW,
    );
    const stale = await windows.create(newWindow(1, 1), NOW);
    await windows.expireDue(new Date(NOW.getTime() + 2 * 3600_000));

    await eventually(() => expect(received).toHaveLength(4));
    expect(
      received.map(s => [s.channel, s.message.id, s.message.state]),
    ).toEqual([
      ['nt-infra:windows', approved.id, 'requested'],
      ['nt-infra:windows', approved.id, 'approved'],
      ['nt-infra:windows', stale.id, 'requested'],
      ['nt-infra:windows', stale.id, 'expired'],
    ]);
  });

  it('publishes every change request and its transitions on nt-infra:gitops', async () => {
    const { publisher, received } = await signalsOnTheBus();
    const changes = new SignallingChangeRequestStore(
      new DatabaseChangeRequestStore(db),
      publisher,
    );
    const change = await changes.create({
      kind: 'scale-workload',
      title: 'Scale ntai-api',
      provider: 'local',
      requestedBy: 'user:default/alice',
      params: { environment: 'staging', workload: 'ntai-api', replicas: 3 },
      reason: 'peak',
      diff: '',
      checks: [],
    });
    await changes.transition(change.id, {
      from: ['open'],
      to: 'approved',
      actor: BOB,
      reason: 'looks right',
      approvedBy: BOB,
    });

    await eventually(() => expect(received).toHaveLength(2));
    expect(
      received.map(s => [s.channel, s.message.id, s.message.state]),
    ).toEqual([
      ['nt-infra:gitops', change.id, 'open'],
      ['nt-infra:gitops', change.id, 'approved'],
    ]);
  });

  it('publishes the halt-all switch engaged and released on nt-infra:halt', async () => {
    const { publisher, received } = await signalsOnTheBus();
    const halt = new SignallingHaltStore(db, publisher);
    await halt.set(true, 'user:default/carol', 'incident');
    await halt.set(false, 'user:default/carol', 'resolved');

    await eventually(() => expect(received).toHaveLength(2));
    expect(received.map(s => [s.channel, s.message.engaged])).toEqual([
      ['nt-infra:halt', true],
      ['nt-infra:halt', false],
    ]);
    expect(await halt.engaged()).toBe(false);
  });
});
