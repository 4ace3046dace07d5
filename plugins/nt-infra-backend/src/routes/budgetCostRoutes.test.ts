import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BudgetCostEstimate,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../plugin';
import { AzureTrafficProvider } from '../providers/traffic/AzureTrafficProvider';

jest.setTimeout(90_000);

/** The 30-day 99.9% SLO's budget: 2,592,000 s × 0.001 of a full outage. */
const BUDGET_SECONDS = 2592;
const HOLD_DOWN_SECONDS = 30;
const MAX_OBSERVATION_SECONDS = 120;

describe('error-budget cost previews of failover tests and GameDays', () => {
  let sandbox: TestSandbox;
  let profile: TrafficManagerProfile;
  let server: any;
  let deniedServer: any;

  async function startBackend(
    result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  ) {
    const config = sandboxConfig(sandbox.endpoints, {
      environment: 'staging',
      failover: {
        holdDownSeconds: HOLD_DOWN_SECONDS,
        maxObservationSeconds: MAX_OBSERVATION_SECONDS,
      },
    });
    const backend = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result }),
        mockServices.rootLogger.factory({ level: 'warn' }),
      ],
    });
    return backend.server;
  }

  beforeAll(async () => {
    // History so the 30-day window is full: a steady world, about a fifth of the budget spent.
    sandbox = await startTestSandbox({
      speed: 10,
      metricsHistoryMinutes: 10,
      budgetHistoryHours: 1,
    });
    const traffic = AzureTrafficProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
    const ref = {
      subscriptionId: sandbox.endpoints.arm.subscriptionId,
      resourceGroup: 'rg-ntai-production-global',
      profileName: 'tm-ntai-production',
      resourceId: '',
    };
    await waitFor(async () =>
      (
        await traffic.getProfile(ref)
      ).endpoints.every(e => e.endpointMonitorStatus === 'Online'),
    );
    profile = await traffic.getProfile(ref);
    server = await startBackend(AuthorizeResult.ALLOW);
    deniedServer = await startBackend(AuthorizeResult.DENY);
  });
  afterAll(() => sandbox?.stop());

  const previewFailover = (body: object, target = server) =>
    request(target).post('/api/nt-infra/failover-tests/preview').send(body);

  it('costs an unhealthy primary its switch + TTL against the 30-day budget, from the profile and the budget left now', async () => {
    const res = await previewFailover({
      environment: 'staging',
      fromRegion: 'eastus',
      method: 'unhealthy',
    });
    expect(res.status).toBe(200);
    const estimate = res.body as BudgetCostEstimate;
    expect(estimate.slo).toEqual({
      objective: 0.999,
      window: '30d',
      windowSeconds: 2_592_000,
      budgetSeconds: expect.closeTo(BUDGET_SECONDS, 6),
    });
    const m = profile.monitorConfig;
    const usersFail =
      m.intervalInSeconds * (m.toleratedNumberOfFailures + 1) +
      m.timeoutInSeconds +
      profile.dnsConfig.ttl;
    const [item] = estimate.items;
    expect(item).toMatchObject({
      step: 'failover',
      kind: 'failover',
      region: 'eastus',
    });
    // The users' part in full, plus the health checks' share of the rest of the fault.
    expect(item.outageSeconds).toBeGreaterThan(usersFail);
    expect(item.outageSeconds).toBeLessThan(
      usersFail + 0.2 * (HOLD_DOWN_SECONDS + MAX_OBSERVATION_SECONDS),
    );
    expect(item.cost).toBeCloseTo(item.outageSeconds / BUDGET_SECONDS, 9);
    expect(item.basis).toContain(`${profile.dnsConfig.ttl} s DNS TTL`);
    expect(item.basis).toContain('health checks');

    const [region] = estimate.regions;
    expect(region.region).toBe('eastus');
    expect(region.cost).toBe(item.cost);
    // The steady world has spent about a fifth of its budget on background errors.
    expect(region.remaining).toBeGreaterThan(0.7);
    expect(region.remaining).toBeLessThan(0.9);
    expect(region.after).toBeCloseTo(region.remaining! - region.cost, 9);
    expect(region.exhausts).toBe(false);
    expect(estimate.exhausts).toBe(false);
    expect(estimate.assumption).toMatch(/^Worst case/);
  });

  it('expects no failed request of a drain (disable-endpoint)', async () => {
    const res = await previewFailover({
      environment: 'staging',
      fromRegion: 'eastus',
      method: 'disable-endpoint',
    });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ outageSeconds: 0, cost: 0 });
    expect(res.body.items[0].basis).toContain('drain');
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const notPrimary = await previewFailover({
      environment: 'staging',
      fromRegion: 'westus',
    });
    expect(notPrimary.status).toBe(400);
    expect(notPrimary.body.error.message).toContain("'fromRegion'");
    const holdDown = await previewFailover({
      environment: 'staging',
      fromRegion: 'eastus',
      holdDownSeconds: -1,
    });
    expect(holdDown.status).toBe(400);
    expect(holdDown.body.error.message).toContain("'holdDownSeconds'");
    const gameDay = await request(server)
      .post('/api/nt-infra/gamedays/preview')
      .send({ scenario: 'staging-failover-drill', environment: 'production' });
    expect(gameDay.status).toBe(400);
    expect(gameDay.body.error.message).toContain("'environment'");
    const unknown = await request(server)
      .post('/api/nt-infra/gamedays/preview')
      .send({ scenario: 'no-such-gameday' });
    expect(unknown.status).toBe(404);
  });

  it('needs the permission to run the drill', async () => {
    const failover = await previewFailover(
      { environment: 'staging', fromRegion: 'eastus' },
      deniedServer,
    );
    expect(failover.status).toBe(403);
    const gameDay = await request(deniedServer)
      .post('/api/nt-infra/gamedays/preview')
      .send({ scenario: 'staging-failover-drill' });
    expect(gameDay.status).toBe(403);
    const anonymous = await request(server)
      .post('/api/nt-infra/failover-tests/preview')
      .set('authorization', mockCredentials.none.header())
      .send({ environment: 'staging', fromRegion: 'eastus' });
    expect(anonymous.status).toBe(401);
  });

  it('adds up a GameDay: its failover step as a failover test, its chaos steps by blast radius and duration', async () => {
    const res = await request(server)
      .post('/api/nt-infra/gamedays/preview')
      .send({ scenario: 'staging-region-failover' });
    expect(res.status).toBe(200);
    const estimate = res.body as BudgetCostEstimate;
    const byStep = Object.fromEntries(estimate.items.map(i => [i.step, i]));
    expect(Object.keys(byStep).sort()).toEqual([
      'api-network-latency',
      'api-pod-failure',
      'eastus-outage',
    ]);
    const failover = (
      await previewFailover({
        environment: 'staging',
        fromRegion: 'eastus',
        method: 'unhealthy',
      })
    ).body as BudgetCostEstimate;
    // The GameDay's failover step keeps the configured hold-down, as a test with none given.
    expect(byStep['eastus-outage'].outageSeconds).toBeCloseTo(
      failover.items[0].outageSeconds,
      1,
    );
    // Half of the API pods failing for the experiment's 2 minutes: 60 s of a full outage.
    const podFailure = byStep['api-pod-failure'];
    expect(podFailure).toMatchObject({ kind: 'chaos', region: 'eastus' });
    expect(podFailure.basis).toMatch(
      /^50\.0 % of the matching pods for 120 s; /,
    );
    expect(podFailure.outageSeconds).toBeCloseTo(60, 6);
    expect(podFailure.cost).toBeCloseTo(60 / BUDGET_SECONDS, 9);
    // Added latency fails no request: the availability SLO does not pay for it.
    expect(byStep['api-network-latency']).toMatchObject({
      kind: 'chaos',
      region: 'eastus',
      outageSeconds: 0,
      cost: 0,
    });
    const [region] = estimate.regions;
    expect(region.region).toBe('eastus');
    expect(region.cost).toBeCloseTo(
      estimate.items.reduce((sum, i) => sum + i.cost, 0),
      9,
    );
    expect(region.after).toBeCloseTo(region.remaining! - region.cost, 9);
  });
});
