import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestWindowService } from './__testUtils__/createTestWindowService';
import {
  ALICE,
  hoursFromNow,
  POD_FAILURE,
  windowRequest,
} from './__testUtils__/windowFixtures';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const setup = (options?: { notifyFails?: boolean }) =>
  createTestWindowService(databases, options);

describe('WindowService requests', () => {
  it.each([
    [
      { environment: 'staging' as const },
      {},
      "'environment': chaos windows are only for production; staging runs need no window",
    ],
    [
      { startsAt: '2026-12-01T07:59:00Z' },
      {},
      "'startsAt': must be in the future",
    ],
    [
      { startsAt: '2027-01-01T09:00:00Z', endsAt: '2027-01-01T10:00:00Z' },
      {},
      "'startsAt': must be at most 30 days ahead",
    ],
    [
      { endsAt: '2026-12-02T09:00:00Z' },
      {},
      "'endsAt': must be after startsAt",
    ],
    [
      { endsAt: '2026-12-02T17:00:01Z' },
      {},
      "'endsAt': a window lasts at most 8 hours",
    ],
    [{ reason: '   ' }, {}, "'reason': must not be empty"],
    [
      {},
      { maxFraction: 0 },
      "'limits.maxFraction': must be greater than 0 and at most 0.1",
    ],
    [
      {},
      { maxFraction: 0.11 },
      "'limits.maxFraction': must be greater than 0 and at most 0.1",
    ],
    [
      {},
      { experiments: [] },
      "'limits.experiments': name at least one experiment",
    ],
    [
      {},
      { experiments: [POD_FAILURE, 'PodChaos/ntai/made-up'] },
      "'limits.experiments': not in the experiment library: PodChaos/ntai/made-up",
    ],
    [{}, { regions: [] }, "'limits.regions': name at least one region"],
    [
      {},
      { stopConditions: [] },
      "'limits.stopConditions': name at least one stop condition",
    ],
    [
      {},
      {
        stopConditions: [
          { metric: 'm', op: '>' as const, threshold: 1, for: 'soon' },
        ],
      },
      "'limits.stopConditions.0.for': must be a Go duration",
    ],
    [
      {},
      {
        stopConditions: [
          {
            metric: 'sum(up) or vector(0)',
            op: '>' as const,
            threshold: 0,
            for: '1m',
          },
        ],
      },
      "'limits.stopConditions.0.metric': must be a Prometheus metric name",
    ],
  ])(
    'refuses %j %j: %s, audited as denied, nobody notified',
    async (overrides, limits, message) => {
      const { service, notified, auditTrail } = await setup();
      const refusal = service.request(ALICE, windowRequest(overrides, limits));
      await expect(refusal).rejects.toMatchObject({ name: 'InputError' });
      await expect(refusal).rejects.toThrow(`Invalid field ${message}`);
      expect((await service.list({}, { limit: 10 })).items).toEqual([]);
      expect(await auditTrail()).toEqual([
        {
          actor: ALICE,
          action: 'window.request',
          targetId: undefined,
          decision: 'denied',
          reason: expect.stringContaining(message),
        },
      ]);
      expect(notified).toEqual([]);
    },
  );

  it('accepts exactly 8 hours, 30 days ahead and 10%', async () => {
    const { service } = await setup();
    const start = hoursFromNow(30 * 24);
    const end = new Date(start.getTime() + 8 * 60 * 60 * 1000);
    await expect(
      service.request(
        ALICE,
        windowRequest(
          { startsAt: start.toISOString(), endsAt: end.toISOString() },
          { maxFraction: 0.1 },
        ),
      ),
    ).resolves.toMatchObject({ state: 'requested' });
  });
});
