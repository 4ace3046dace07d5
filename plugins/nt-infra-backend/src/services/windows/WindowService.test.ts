import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestWindowService } from './__testUtils__/createTestWindowService';
import {
  ALICE,
  BOB,
  CAROL,
  hoursFromNow,
  NOW,
  POD_FAILURE,
  windowRequest,
} from './__testUtils__/windowFixtures';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const setup = (options?: { notifyFails?: boolean }) =>
  createTestWindowService(databases, options);

describe('WindowService', () => {
  it('records a request, audits it and tells the approvers', async () => {
    const { service, notified, auditTrail } = await setup();
    const window = await service.request(ALICE, windowRequest());
    expect(window).toMatchObject({
      state: 'requested',
      requestedBy: ALICE,
      startsAt: '2026-12-02T09:00:00.000Z',
      limits: { experiments: [POD_FAILURE], regions: ['westus'] },
    });
    expect(await auditTrail()).toEqual([
      {
        actor: ALICE,
        action: 'window.request',
        targetId: window.id,
        decision: 'allowed',
        reason: 'weekly production chaos: API pod failure',
      },
    ]);
    expect(notified).toEqual([
      { kind: 'window.requested', audience: 'approvers', actor: ALICE, window },
    ]);
  });
  it('does not let the requester approve or reject their own window', async () => {
    const { service, auditTrail, notified } = await setup();
    const window = await service.request(ALICE, windowRequest());
    for (const decide of [
      () => service.approve(ALICE, window.id, 'looks fine to me'),
      () => service.reject(ALICE, window.id, 'changed my mind'),
    ]) {
      await expect(decide()).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: 'approver must not be the requester',
      });
    }
    expect((await service.get(window.id)).state).toBe('requested');
    expect((await auditTrail()).slice(1)).toEqual([
      expect.objectContaining({
        action: 'window.approve',
        decision: 'denied',
        targetId: window.id,
        reason: 'approver must not be the requester',
      }),
      expect.objectContaining({
        action: 'window.reject',
        decision: 'denied',
        targetId: window.id,
      }),
    ]);
    expect(notified.map(n => n.kind)).toEqual(['window.requested']);
  });

  it('lets another engineer approve, once, and tells the requester', async () => {
    const { service, auditTrail, notified } = await setup();
    const window = await service.request(ALICE, windowRequest());
    const approved = await service.approve(BOB, window.id, 'go, SRE on call');
    expect(approved).toMatchObject({
      state: 'approved',
      decision: {
        actor: BOB,
        decision: 'approved',
        reason: 'go, SRE on call',
        at: NOW.toISOString(),
      },
    });
    expect(notified[1]).toEqual({
      kind: 'window.approved',
      audience: 'requester',
      actor: BOB,
      window: approved,
    });

    await expect(service.reject(CAROL, window.id, 'no')).rejects.toThrow(
      `Window '${window.id}' was already approved by ${BOB}`,
    );
    expect((await auditTrail()).slice(1)).toEqual([
      {
        actor: BOB,
        action: 'window.approve',
        targetId: window.id,
        decision: 'allowed',
        reason: 'go, SRE on call',
      },
      {
        actor: CAROL,
        action: 'window.reject',
        targetId: window.id,
        decision: 'denied',
        reason: expect.stringContaining('already approved'),
      },
    ]);
  });

  it('rejects with the comment and tells the requester', async () => {
    const { service, notified } = await setup();
    const window = await service.request(ALICE, windowRequest());
    const rejected = await service.reject(
      BOB,
      window.id,
      'release freeze this week',
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      decision: { actor: BOB, reason: 'release freeze this week' },
    });
    expect(notified.at(-1)).toMatchObject({
      kind: 'window.rejected',
      audience: 'requester',
    });
    // A rejected window covers nothing.
    expect(
      await service.findCoveringWindow({
        environment: 'production',
        experiment: POD_FAILURE,
        regions: ['westus'],
        at: hoursFromNow(26),
      }),
    ).toBeUndefined();
  });

  it('refuses approval when an experiment left the library since the request', async () => {
    const { service, removeFromLibrary } = await setup();
    const window = await service.request(ALICE, windowRequest());
    removeFromLibrary(POD_FAILURE);
    await expect(service.approve(BOB, window.id, 'ok')).rejects.toThrow(
      `Experiments no longer in the library: ${POD_FAILURE}`,
    );
  });

  it('refuses a window overlapping an approved one in the same region, not in another', async () => {
    const { service, auditTrail } = await setup();
    const first = await service.request(ALICE, windowRequest());
    const pending = await service.request(
      CAROL,
      windowRequest({
        startsAt: '2026-12-02T12:00:00Z',
        endsAt: '2026-12-02T14:00:00Z',
      }),
    );
    await service.approve(BOB, first.id, 'ok');

    const overlap = windowRequest({
      startsAt: '2026-12-02T12:00:00Z',
      endsAt: '2026-12-02T15:00:00Z',
    });
    await expect(service.request(CAROL, overlap)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `overlaps approved window '${first.id}'`,
      ),
    });
    // Requested before the other was approved: the approver hears why not.
    await expect(service.approve(BOB, pending.id, 'ok')).rejects.toMatchObject({
      name: 'ConflictError',
    });
    await expect(
      service.request(
        CAROL,
        windowRequest(
          { startsAt: '2026-12-02T12:00:00Z' },
          { regions: ['eastus'] },
        ),
      ),
    ).resolves.toMatchObject({ state: 'requested' });
    expect(
      (await auditTrail()).filter(e => e.decision === 'denied'),
    ).toHaveLength(2);
  });

  it('lets the requester or an admin cancel, nobody else', async () => {
    const { service, notified, auditTrail } = await setup();
    const mine = await service.request(ALICE, windowRequest());
    await expect(
      service.cancel(CAROL, mine.id, { isAdmin: false }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'only the requester or an admin may cancel a window',
    });
    await expect(
      service.cancel(ALICE, mine.id, {
        isAdmin: false,
        reason: 'pushed a week',
      }),
    ).resolves.toMatchObject({ state: 'cancelled' });
    expect(notified.at(-1)).toMatchObject({
      kind: 'window.cancelled',
      audience: 'approvers',
      actor: ALICE,
    });

    const other = await service.request(
      ALICE,
      windowRequest({
        startsAt: '2026-12-03T09:00:00Z',
        endsAt: '2026-12-03T10:00:00Z',
      }),
    );
    await service.approve(BOB, other.id, 'ok');
    await expect(
      service.cancel(CAROL, other.id, {
        isAdmin: true,
        reason: 'incident INC-42',
      }),
    ).resolves.toMatchObject({ state: 'cancelled' });
    expect(notified.at(-1)).toMatchObject({
      kind: 'window.cancelled',
      audience: 'requester',
      actor: CAROL,
    });
    expect(
      (await auditTrail()).filter(e => e.action === 'window.cancel'),
    ).toEqual([
      expect.objectContaining({ actor: CAROL, decision: 'denied' }),
      expect.objectContaining({
        actor: ALICE,
        decision: 'allowed',
        reason: 'pushed a week',
      }),
      expect.objectContaining({
        actor: CAROL,
        decision: 'allowed',
        reason: 'incident INC-42',
      }),
    ]);
  });

  it('answers unknown windows with NotFoundError, audited', async () => {
    const { service, auditTrail } = await setup();
    const id = '00000000-0000-4000-8000-000000000000';
    await expect(service.get(id)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(service.approve(BOB, id, 'ok')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    expect(await auditTrail()).toEqual([
      {
        actor: BOB,
        action: 'window.approve',
        targetId: id,
        decision: 'denied',
        reason: `Window '${id}' not found`,
      },
    ]);
  });

  it('expires undecided windows when they start, audits and tells the requester', async () => {
    const { service, notified, auditTrail } = await setup();
    const window = await service.request(ALICE, windowRequest());
    expect(await service.expireDue(new Date('2026-12-02T08:59:59Z'))).toEqual(
      [],
    );
    const [expired] = await service.expireDue(new Date('2026-12-02T09:00:00Z'));
    expect(expired).toMatchObject({ id: window.id, state: 'expired' });
    expect(notified.at(-1)).toEqual({
      kind: 'window.expired',
      audience: 'requester',
      actor: 'nt-infra',
      window: expired,
    });
    expect((await auditTrail()).at(-1)).toEqual({
      actor: 'nt-infra',
      action: 'window.expire',
      targetId: window.id,
      decision: 'recorded',
      reason: 'not decided before it started at 2026-12-02T09:00:00.000Z',
    });
  });

  it('keeps the action when notifications fail', async () => {
    const { service, auditTrail, logger } = await setup({ notifyFails: true });
    const window = await service.request(ALICE, windowRequest());
    expect((await service.get(window.id)).state).toBe('requested');
    expect(await auditTrail()).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not notify approvers of window.requested for window ${window.id}`,
      expect.objectContaining({ message: 'notifications are down' }),
    );
  });
});
