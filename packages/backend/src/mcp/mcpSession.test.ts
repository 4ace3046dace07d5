import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import ntInfraBackend from '@internal/plugin-nt-infra-backend';
import { AuditEvent } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'fs';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
import permissionPolicyModule from '../modules/permissionPolicy';
import { sandboxPortalConfig } from '../reliability/__testUtils__/sandboxPortalConfig';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice'; // engineer
const BOB = 'user:default/bob'; // approver
const VERA = 'user:default/vera'; // viewer
const EXPERIMENT = 'PodChaos/ntai/api-pod-failure-10pct';
const stopConditions = [
  { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '1m' },
];

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

/**
 * A real MCP client (the SDK's Streamable HTTP transport) against the whole
 * backend: the nt-infra plugin on the sandbox world, the MCP actions plugin,
 * and the portal's real permission policy with users bound to roles.
 */
describe('MCP session against the running backend', () => {
  let sandbox: TestSandbox;
  let tmp: string;
  let server: any;
  let baseUrl: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-mcp-'));
    const portal = sandboxPortalConfig(sandbox.endpoints, {
      gitopsRemote: path.join(tmp, 'remote.git'),
      roles: { viewer: [VERA], engineer: [ALICE], approver: [BOB] },
    });
    const backend = await startTestBackend({
      features: [
        ntInfraBackend,
        mcpActionsBackend,
        permissionBackend,
        permissionPolicyModule,
        permissionsServiceFactory,
        mockServices.rootLogger.factory({ level: 'error' }),
        mockServices.rootConfig.factory({
          data: {
            ...portal,
            backend: { actions: { pluginSources: ['nt-infra'] } },
            mcpActions: { name: 'nt-infra' },
          },
        }),
      ],
    });
    server = backend.server;
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await sandbox?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function connect(user: string): Promise<Client> {
    const client = new Client({ name: 'nt-infra-mcp-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${baseUrl}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    clients.push(client);
    return client;
  }

  const call = async (
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ) =>
    (await client.callTool({
      name: `nt-infra.${name}`,
      arguments: args,
    })) as ToolResult;

  it('lists tools, reads health, previews, is refused, and every call is audited', async () => {
    const alice = await connect(ALICE);
    const vera = await connect(VERA);

    const { tools } = await alice.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'nt-infra.get-region-health',
      'nt-infra.get-resilience-score',
      'nt-infra.get-run',
      'nt-infra.list-experiments',
      'nt-infra.preview-chaos-run',
      'nt-infra.request-production-window',
      'nt-infra.start-chaos-run',
      'nt-infra.start-failover-test',
    ]);
    const start = tools.find(t => t.name === 'nt-infra.start-chaos-run')!;
    expect(start.annotations?.destructiveHint).toBe(true);
    expect(start.inputSchema.properties).toHaveProperty('experimentId');

    const health = await call(alice, 'get-region-health', {
      environment: 'production',
    });
    expect(health.isError).toBeFalsy();
    const [production] = health.structuredContent.environments;
    expect(production.serving.byTrafficManager).toBe('eastus');
    expect(
      production.regions.find((r: any) => r.name === 'eastus').serving,
    ).toBe(true);
    // The text content is the same answer, for clients that read only text.
    expect(JSON.parse(health.content[0].text!)).toEqual(
      health.structuredContent,
    );

    const preview = await call(alice, 'preview-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      experimentId: EXPERIMENT,
    });
    expect(preview.isError).toBeFalsy();
    expect(preview.structuredContent.allowed).toBe(false);
    expect(preview.structuredContent.reasons.join(' ')).toMatch(/window/);
    const [radius] = preview.structuredContent.blastRadius;
    expect(radius).toMatchObject({ region: 'eastus', matching: 10 });
    expect(radius.targets).toHaveLength(1);

    const refused = await call(alice, 'start-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      experimentId: EXPERIMENT,
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toMatch(
      /^ConflictError: Refused by policy: .*window/,
    );

    const notAllowed = await call(vera, 'start-chaos-run', {
      environment: 'staging',
      regions: ['eastus'],
      experimentId: EXPERIMENT,
    });
    expect(notAllowed.isError).toBe(true);
    expect(notAllowed.content[0].text).toMatch(
      /^NotAllowedError: Not allowed: nt-infra.chaos.run/,
    );

    const audit = await request(server)
      .get('/api/nt-infra/audit?limit=50')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(audit.status).toBe(200);
    const rows: AuditEvent[] = [...audit.body.items].reverse();
    expect(
      rows.map(r => [r.actor, r.targetId ?? r.targetType, r.decision]),
    ).toEqual([
      [ALICE, 'nt-infra:get-region-health', 'allowed'],
      [ALICE, 'nt-infra:preview-chaos-run', 'allowed'],
      // The run policy's own refusal, exactly as for POST /runs/chaos.
      [ALICE, 'production/eastus', 'denied'],
      [ALICE, 'nt-infra:start-chaos-run', 'denied'],
      [VERA, 'nt-infra:start-chaos-run', 'denied'],
    ]);
  });

  it('requests a window an agent cannot approve; inside it, once a person approved, the run starts', async () => {
    const alice = await connect(ALICE);
    const startsAt = new Date(Date.now() + 4000);
    const requested = await call(alice, 'request-production-window', {
      environment: 'production',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      reason: 'weekly pod failure, asked through MCP',
      limits: {
        experiments: [EXPERIMENT],
        regions: ['eastus'],
        maxFraction: 0.1,
        stopConditions,
      },
    });
    expect(requested.isError).toBeFalsy();
    const window = requested.structuredContent;
    expect(window).toMatchObject({ state: 'requested', requestedBy: ALICE });

    // The second person decides in the portal, over HTTP, as a person.
    const approved = await request(server)
      .post(`/api/nt-infra/windows/${window.id}/approve`)
      .set('Authorization', mockCredentials.user.header(BOB))
      .send({ comment: 'ok' });
    expect(approved.status).toBe(200);

    await new Promise(r =>
      setTimeout(r, Math.max(0, startsAt.getTime() - Date.now()) + 500),
    );
    const started = await call(alice, 'start-chaos-run', {
      environment: 'production',
      regions: ['eastus'],
      experimentId: EXPERIMENT,
      idempotencyKey: 'mcp-session-weekly',
    });
    expect(started.isError).toBeFalsy();
    expect(started.structuredContent).toMatchObject({
      created: true,
      run: { kind: 'chaos', environment: 'production', requestedBy: ALICE },
    });

    const read = await call(alice, 'get-run', {
      runId: started.structuredContent.run.id,
    });
    expect(read.isError).toBeFalsy();
    expect(read.structuredContent.transitions[0]).toMatchObject({
      to: 'approved',
      actor: ALICE,
      reason: `inside approved window ${window.id}`,
    });
  });
});
