import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { RegionsResponse } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { Server } from 'http';
import request from 'supertest';
import {
  FixtureRepo,
  startReliabilityBackend,
} from '../reliability/__testUtils__/reliabilityBackend';
import { createFixtureRepo } from '../services/gitops/__testUtils__/fixtureRepo';

jest.setTimeout(120_000);

const EXPERIMENT = 'StressChaos/ntai/api-memory-stress';

describe('the SLO gate, end to end: an exhausted error budget refuses chaos', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let server: Server;
  const alice = mockCredentials.user.header('user:default/alice');
  const startChaos = (region: string) =>
    request(server)
      .post('/api/nt-infra/runs/chaos')
      .set('Authorization', alice)
      .send({
        environment: 'staging',
        regions: [region],
        experimentId: EXPERIMENT,
      });

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
    const backend = await startReliabilityBackend({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      repo,
      environment: 'staging',
      // A five-minute budget (15 s of wall time here): an outage spends it
      // in seconds, as a long one spends the 30-day budget in production.
      configure: ntInfra => {
        ntInfra.slo = { budgetWindow: '5m' };
      },
    });
    server = backend.server as unknown as Server;
  });
  afterAll(async () => {
    await sandbox?.stop();
    await repo?.cleanup();
  });

  it('answers 409 naming the region whose budget is spent, and lets the healthy region through', async () => {
    // A healthy world first: the same request is allowed (the gate is what refuses).
    const budgets = async () => {
      const body: RegionsResponse = (
        await request(server)
          .get('/api/nt-infra/regions')
          .set('Authorization', alice)
      ).body;
      return Object.fromEntries(
        (body.environments?.[0]?.regions ?? []).map(r => [
          r.name,
          r.slo.value?.errorBudgetRemaining,
        ]),
      );
    };
    await waitFor(async () => (await budgets()).eastus! > 0, 60_000);
    const preview = await request(server)
      .post('/api/nt-infra/runs/chaos/preview')
      .set('Authorization', alice)
      .send({
        environment: 'staging',
        regions: ['eastus'],
        experimentId: EXPERIMENT,
      });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ allowed: true, reasons: [] });

    await sandbox.control('/regions/eastus/down', { method: 'POST' });
    try {
      const spent = await waitFor(async () => {
        const b = await budgets();
        return b.eastus !== undefined && b.eastus <= 0 && b;
      }, 60_000);
      expect(spent.westus).toBeGreaterThan(0);

      const refused = await startChaos('eastus');
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(
        'eastus: error budget exhausted',
      );
      expect(refused.body.error.message).not.toContain('westus');

      const allowed = await startChaos('westus');
      expect(allowed.body.error?.message ?? '').toBe('');
      expect(allowed.status).toBe(201);
      await request(server)
        .post(`/api/nt-infra/runs/${allowed.body.id}/stop`)
        .set('Authorization', alice)
        .send({ reason: 'test over' });

      // The refusal is in the audit trail, with its reason.
      const audit = await request(server)
        .get('/api/nt-infra/audit')
        .set('Authorization', alice);
      expect(
        audit.body.items.find(
          (e: { action: string; decision: string }) =>
            e.action === 'chaos.run.start' && e.decision === 'denied',
        ),
      ).toMatchObject({
        targetId: 'staging/eastus',
        reason: expect.stringContaining('eastus: error budget exhausted'),
      });
    } finally {
      await sandbox.control('/regions/eastus/up', { method: 'POST' });
    }
  });
});
