import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditEvent } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Server } from 'http';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../plugin';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const READS = [
  'nt-infra.region.read',
  'nt-infra.traffic.read',
  'nt-infra.run.read',
  'nt-infra.experiment.read',
  'nt-infra.audit.read',
];
const ENGINEER = [
  ...READS,
  'nt-infra.chaos.run',
  'nt-infra.failover.run',
  'nt-infra.gameday.run',
];

const API_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    namespace: 'default',
    annotations: { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:sre' },
};

const template = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '1m',
  mode: 'one',
  stopConditions: [
    { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '0s' },
  ],
};

/** An hour-aligned instant a day ahead: inside the window rules' 30 days. */
const ahead = (hours: number) =>
  new Date(
    Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (24 + hours) * 3_600_000,
  ).toISOString();

describe('nt-infra actions, through the actions registry of a running backend', () => {
  let sandbox: TestSandbox;
  const backends: Record<string, Server> = {};
  /** What the permission policy allows, per test. */
  let allowed: string[] = ENGINEER;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: allowed.includes(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })),
    });
    for (const environment of ['production', 'staging'] as const) {
      const { server } = await startTestBackend({
        features: [
          ntInfraPlugin,
          mockServices.rootConfig.factory({
            data: sandboxConfig(sandbox.endpoints, { environment }),
          }),
          permissions.factory,
          mockServices.rootLogger.factory({ level: 'error' }),
          catalogServiceMock.factory({ entities: [API_ENTITY] }),
        ],
      });
      backends[environment] = server;
    }
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    allowed = ENGINEER;
  });

  const invoke = (name: string, input: object, env = 'production') =>
    request(backends[env])
      .post(
        `/api/nt-infra/.backstage/actions/v1/actions/nt-infra:${name}/invoke`,
      )
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send(input);

  async function auditTrail(env = 'production'): Promise<AuditEvent[]> {
    const res = await request(backends[env])
      .get('/api/nt-infra/audit?limit=100')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('lists the actions with their schemas, and no approve action', async () => {
    const res = await request(backends.production)
      .get('/api/nt-infra/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    const byName = new Map<string, any>(
      res.body.actions.map((a: any) => [a.name, a]),
    );
    expect([...byName.keys()].sort()).toEqual([
      'get-region-health',
      'get-resilience-score',
      'get-run',
      'list-experiments',
      'preview-chaos-run',
      'request-production-window',
      'start-chaos-run',
      'start-failover-test',
    ]);
    expect(byName.get('get-region-health').attributes.readOnly).toBe(true);
    expect(byName.get('start-chaos-run').attributes.destructive).toBe(true);
    expect(
      byName.get('preview-chaos-run').schema.input.properties.environment.enum,
    ).toEqual(['staging', 'production']);
  });

  it('reads region health and who serves traffic, and audits the read', async () => {
    const res = await invoke('get-region-health', {});
    expect(res.status).toBe(200);
    const [production] = res.body.output.environments;
    expect(production.name).toBe('production');
    expect(production.serving).toEqual({
      byTrafficManager: 'eastus',
      byDns: 'eastus',
      agree: true,
    });
    expect(
      production.regions.map((r: any) => [r.name, r.role, r.serving]),
    ).toEqual([
      ['eastus', 'primary', true],
      ['westus', 'secondary', false],
    ]);
    expect(production.regions[0].freshness.endpoint).toBe('ok');
    const [row] = await auditTrail();
    expect(row).toMatchObject({
      actor: ALICE,
      action: 'action.invoke',
      targetType: 'action',
      targetId: 'nt-infra:get-region-health',
      decision: 'allowed',
    });
  });

  it('previews the exact pods and says why production refuses without a window', async () => {
    const res = await invoke('preview-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
    });
    expect(res.status).toBe(200);
    const preview = res.body.output;
    expect(preview.allowed).toBe(false);
    expect(preview.reasons.join(' ')).toMatch(/window/);
    expect(preview.blastRadius[0].region).toBe('eastus');
    expect(preview.blastRadius[0].targets).toHaveLength(1);
    expect(preview.blastRadius[0].targets[0].name).toMatch(/^ntai-api-/);
  });

  it('refuses production chaos without a window through the run policy, audited twice', async () => {
    const res = await invoke('start-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
      idempotencyKey: 'actions-test-refusal',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Refused by policy: .*window/);
    const [call, policy] = await auditTrail();
    // The service's own refusal, as for the route, then the action call.
    expect(policy).toMatchObject({
      action: 'chaos.run.start',
      decision: 'denied',
      actor: ALICE,
    });
    expect(call).toMatchObject({
      targetId: 'nt-infra:start-chaos-run',
      decision: 'denied',
      details: { input: expect.objectContaining({ regions: ['eastus'] }) },
    });
    expect(call.reason).toMatch(/^ConflictError: Refused by policy/);
  });

  it('checks the permission with the caller’s credentials and audits the refusal', async () => {
    allowed = READS;
    const res = await invoke('start-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
    });
    expect(res.status).toBe(403);
    const [call] = await auditTrail();
    expect(call).toMatchObject({
      targetId: 'nt-infra:start-chaos-run',
      decision: 'denied',
      reason: 'NotAllowedError: Not allowed: nt-infra.chaos.run',
    });
    // Refused before the service: no policy row was written for it.
    const again = await invoke('preview-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
    });
    expect(again.status).toBe(403);
  });

  it('applies the routes’ input rules and names the field', async () => {
    const badRegion = await invoke('preview-chaos-run', {
      environment: 'production',
      regions: ['East US'],
      template,
    });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.error.message).toMatch(
      /Invalid input field 'regions.0'/,
    );
    const both = await invoke('preview-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
      experimentId: 'PodChaos/ntai/api-pod-failure-10pct',
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/exactly one of experimentId/);
    const badKey = await invoke('start-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      template,
      idempotencyKey: 'spaces are not allowed',
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/'idempotencyKey'/);
    const badRun = await invoke('get-run', { runId: 'not-a-uuid' });
    expect(badRun.status).toBe(400);
    expect(badRun.body.error.message).toMatch(/'runId'/);
    const [row] = await auditTrail();
    expect(row).toMatchObject({
      targetId: 'nt-infra:get-run',
      decision: 'recorded',
    });
  });

  it("reads an entity's resilience score with the route's rules and permission", async () => {
    const res = await invoke('get-resilience-score', {
      entityRef: 'component:default/ntai-api',
      weeks: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      entityRef: 'component:default/ntai-api',
      windowDays: 30,
    });
    expect(res.body.output.reasons.map((r: any) => r.id)).toContain('rto');
    expect(res.body.output.trend).toHaveLength(2);
    const bad = await invoke('get-resilience-score', { entityRef: 'ntai-api' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/'entityRef'/);
    const unknown = await invoke('get-resilience-score', {
      entityRef: 'component:default/nobody',
    });
    expect(unknown.status).toBe(404);
    allowed = ENGINEER.filter(p => p !== 'nt-infra.run.read');
    const refused = await invoke('get-resilience-score', {
      entityRef: 'component:default/ntai-api',
    });
    expect(refused.status).toBe(403);
    const [row] = await auditTrail();
    expect(row).toMatchObject({
      targetId: 'nt-infra:get-resilience-score',
      decision: 'denied',
    });
  });

  it('requests a production window that stays requested: no action approves', async () => {
    const res = await invoke('request-production-window', {
      environment: 'production',
      startsAt: ahead(0),
      endsAt: ahead(1),
      reason: 'GameDay rehearsal asked by an agent',
      limits: {
        experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
        regions: ['eastus'],
        maxFraction: 0.1,
        stopConditions: template.stopConditions,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      state: 'requested',
      requestedBy: ALICE,
    });
    const trail = await auditTrail();
    expect(trail[1]).toMatchObject({
      action: 'window.request',
      targetId: res.body.output.id,
    });
  });

  it('starts a staging run idempotently and reads its state', async () => {
    const input = {
      environment: 'staging',
      regions: ['eastus'],
      template,
      idempotencyKey: 'actions-test-staging',
    };
    const first = await invoke('start-chaos-run', input, 'staging');
    expect(first.status).toBe(200);
    expect(first.body.output.created).toBe(true);
    const second = await invoke('start-chaos-run', input, 'staging');
    expect(second.body.output).toEqual({
      ...first.body.output,
      created: false,
    });
    const id = first.body.output.run.id;
    const read = await invoke('get-run', { runId: id }, 'staging');
    expect(read.status).toBe(200);
    expect(read.body.output.run).toMatchObject({
      id,
      kind: 'chaos',
      requestedBy: ALICE,
    });
    expect(read.body.output.transitions[0]).toMatchObject({
      to: 'approved',
      actor: ALICE,
    });
    const missing = await invoke(
      'get-run',
      { runId: '00000000-0000-4000-8000-000000000000' },
      'staging',
    );
    expect(missing.status).toBe(404);
  });
});
