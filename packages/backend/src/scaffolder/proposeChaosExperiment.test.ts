import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import ntInfraBackend from '@internal/plugin-nt-infra-backend';
import scaffolderModuleNtInfra, {
  createGitOpsChangeAction,
} from '@internal/plugin-scaffolder-backend-module-nt-infra';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { execFileSync } from 'child_process';
import fs from 'fs';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import permissionPolicyModule from '../modules/permissionPolicy';
import scaffolderPeopleOnlyModule from '../modules/scaffolderPeopleOnly';
import { sandboxPortalConfig } from '../reliability/__testUtils__/sandboxPortalConfig';
import {
  onBehalfOfAuthFactory,
  onBehalfOfHttpAuthFactory,
} from './__testUtils__/onBehalfOfMockAuth';

jest.setTimeout(240_000);

const ALICE = 'user:default/alice'; // engineer
const VERA = 'user:default/vera'; // viewer
const ERIN = 'user:default/erin'; // another engineer
const CAROL = 'user:default/carol'; // admin
const TEMPLATE_FILE = path.resolve(
  __dirname,
  '../../../../catalog/templates/propose-chaos-experiment.yaml',
);
const TEMPLATE_REF = 'template:default/propose-chaos-experiment';

/** What a person fills in on /create: a production pod failure on one API pod. */
const values = {
  name: 'api-pod-kill-one',
  environment: 'production',
  title: 'API pod kill (one pod)',
  description: 'Kills one ntai-api pod; its Deployment replaces it.',
  expectedImpact: 'Nine pods absorb the load; availability stays above 99.9 %.',
  reason: 'We never tested a pod being killed rather than paused',
  experimentKind: 'PodChaos',
  workload: 'ntai-api',
  podAction: 'pod-kill',
  mode: 'one',
  duration: '2m',
  stopConditions: [
    { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '1m' },
    {
      metric: 'ntai:availability:ratio_rate5m',
      op: '<',
      threshold: 0.99,
      for: '1m',
    },
  ],
};

/**
 * The template "Propose a chaos experiment" run through the scaffolder of a
 * whole backend: the catalog loads it from catalog/templates/, the
 * scaffolder runs its nt-infra:gitops:change step as the person who started
 * the task, and the nt-infra plugin (sandbox world, real git on a local
 * remote made from this checkout) opens the change request after its checks,
 * under the portal's real permission policy.
 */
describe('Software Template: propose a chaos experiment', () => {
  let sandbox: TestSandbox;
  let tmp: string;
  let server: any;
  let remote: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-scaffolder-'));
    remote = path.join(tmp, 'remote.git');
    const portal = sandboxPortalConfig(sandbox.endpoints, {
      gitopsRemote: remote,
      roles: { viewer: [VERA], engineer: [ALICE, ERIN], admin: [CAROL] },
    });
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogScaffolderEntityModel,
        scaffolderBackend,
        scaffolderModuleNtInfra,
        scaffolderPeopleOnlyModule,
        ntInfraBackend,
        permissionBackend,
        permissionPolicyModule,
        permissionsServiceFactory,
        onBehalfOfAuthFactory,
        onBehalfOfHttpAuthFactory,
        mockServices.rootLogger.factory({ level: 'error' }),
        mockServices.rootConfig.factory({
          data: {
            ...portal,
            app: { baseUrl: 'http://portal.test' },
            catalog: {
              rules: [{ allow: ['Template', 'Location'] }],
              locations: [{ type: 'file', target: TEMPLATE_FILE }],
              processingInterval: { seconds: 1 },
            },
            backend: { workingDirectory: tmp },
          },
        }),
      ],
    });
    server = backend.server;
    // The catalog ingests the template file on its first processing round.
    for (let i = 0; ; i += 1) {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-name/template/default/propose-chaos-experiment',
        )
        .set('Authorization', mockCredentials.user.header(ALICE));
      if (res.status === 200) break;
      if (i > 120)
        throw new Error(
          `the template never appeared: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      await new Promise(r => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const as = (user: string) => mockCredentials.user.header(user);

  async function runTask(user: string, taskValues: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as(user))
      .send({ templateRef: TEMPLATE_REF, values: taskValues });
    if (created.status !== 201) return { created };
    for (let i = 0; ; i += 1) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', as(user));
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', as(user));
        const list = events.body as Array<{
          type: string;
          body: { message?: string; output?: any };
        }>;
        const log = list.map(e => e.body.message ?? '').join('\n');
        const output = list.find(e => e.type === 'completion')?.body.output;
        return { created, task: task.body, log, output };
      }
      if (i > 240) throw new Error('the task never finished');
      await new Promise(r => setTimeout(r, 250));
    }
  }

  const audit = async (targetType: string) =>
    (
      await request(server)
        .get(`/api/nt-infra/audit?targetType=${targetType}&limit=200`)
        .set('Authorization', as(ALICE))
    ).body.items as Array<{
      actor: string;
      action: string;
      targetId: string;
      decision: string;
      reason: string;
    }>;

  it("opens the change request as the engineer who ran it, with the form's experiment", async () => {
    const { created, task, log, output } = await runTask(ALICE, values);
    expect(created.status).toBe(201);
    expect([task?.status, log]).toEqual(['completed', expect.any(String)]);

    // The task is alice's: another engineer can neither see it nor cancel
    // it; an admin sees every task.
    const taskUrl = `/api/scaffolder/v2/tasks/${created.body.id}`;
    const get = (url: string, user: string) =>
      request(server).get(url).set('Authorization', as(user));
    expect((await get(taskUrl, ERIN)).status).toBe(403);
    expect(
      (
        await request(server)
          .post(`${taskUrl}/cancel`)
          .set('Authorization', as(ERIN))
      ).status,
    ).toBe(403);
    const ids = async (user: string) =>
      ((await get('/api/scaffolder/v2/tasks', user)).body.tasks ?? []).map(
        (t: { id: string }) => t.id,
      );
    expect(await ids(ERIN)).not.toContain(created.body.id);
    expect(await ids(ALICE)).toContain(created.body.id);
    expect((await get(taskUrl, CAROL)).status).toBe(200);
    expect(await ids(CAROL)).toContain(created.body.id);

    const list = await request(server)
      .get('/api/nt-infra/gitops/changes?state=open')
      .set('Authorization', as(ALICE));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const change = list.body.items[0];
    expect(change).toMatchObject({
      kind: 'chaos-experiment',
      state: 'open',
      provider: 'local',
      requestedBy: ALICE,
      reason: values.reason,
      title: 'Add chaos experiment api-pod-kill-one',
      params: { file: 'production/api-pod-kill-one.yaml' },
    });
    expect(change.checks.length).toBeGreaterThan(0);
    expect(
      change.checks.filter((c: { status: string }) => c.status !== 'passed'),
    ).toEqual([]);

    // The task's output links to the change request's page in the portal.
    expect(output.links).toEqual([
      {
        title: 'Change request',
        url: `http://portal.test/nt-infra/changes/${change.id}`,
      },
    ]);

    // The commit on the remote holds exactly the experiment from the form.
    const file = `kubernetes/chaos-experiments/production/api-pod-kill-one.yaml`;
    const committed = parseYaml(
      execFileSync('git', ['show', `${change.branch}:${file}`], {
        cwd: remote,
        encoding: 'utf8',
      }),
    );
    expect(committed).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: {
        name: 'api-pod-kill-one',
        namespace: 'ntai',
        labels: {
          'app.kubernetes.io/part-of': 'ntai',
          'nt-infra.io/experiment': 'true',
        },
        annotations: {
          'nt-infra.io/title': values.title,
          'nt-infra.io/description': values.description,
          'nt-infra.io/environment': 'production',
          'nt-infra.io/cadence': 'on-demand',
          'nt-infra.io/expected-impact': values.expectedImpact,
          'nt-infra.io/stop-conditions': expect.any(String),
        },
      },
      spec: {
        action: 'pod-kill',
        mode: 'one',
        duration: '2m',
        selector: {
          namespaces: ['ntai'],
          labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
        },
      },
    });
    expect(
      parseYaml(committed.metadata.annotations['nt-infra.io/stop-conditions']),
    ).toEqual(values.stopConditions);
    const message = execFileSync(
      'git',
      ['log', '-1', '--format=%B', change.branch],
      { cwd: remote, encoding: 'utf8' },
    );
    expect(message).toContain(`Requested-by: ${ALICE}`);

    expect(await audit('change-request')).toContainEqual(
      expect.objectContaining({
        actor: ALICE,
        action: 'gitops.change.create',
        targetId: change.id,
        decision: 'allowed',
        reason: values.reason,
      }),
    );
  });

  it('refuses an experiment outside the production blast radius, with the check that refused it', async () => {
    const { task, log } = await runTask(ALICE, {
      ...values,
      name: 'api-pod-kill-half',
      mode: 'fixed-percent',
      value: '50',
    });
    expect(task?.status).toBe('failed');
    expect(log).toMatch(/Change refused: the change fails the IaC checks/);
    expect(log).toMatch(/10 ?%/);
    expect(await audit('change-request')).toContainEqual(
      expect.objectContaining({
        actor: ALICE,
        action: 'gitops.change.create',
        targetId: 'chaos-experiment',
        decision: 'denied',
      }),
    );
  });

  it('refuses a viewer, and any service principal, before a task exists', async () => {
    const { created } = await runTask(VERA, { ...values, name: 'by-vera' });
    expect(created.status).toBe(403);
    const service = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.service.header())
      .send({ templateRef: TEMPLATE_REF, values });
    expect(service.status).toBe(403);
    // The viewer still sees the template and its form.
    const form = await request(server)
      .get(
        '/api/scaffolder/v2/templates/default/template/propose-chaos-experiment/parameter-schema',
      )
      .set('Authorization', as(VERA));
    expect(form.status).toBe(200);
    expect(form.body.title).toBe('Propose a chaos experiment');
    const open = await request(server)
      .get('/api/nt-infra/gitops/changes')
      .set('Authorization', as(ALICE));
    expect(
      open.body.items.filter(
        (c: { requestedBy: string }) => c.requestedBy !== ALICE,
      ),
    ).toEqual([]);
  });

  it('leaves the decision to nt-infra: a viewer who reaches the action is refused there, and audited', async () => {
    // The step as the scaffolder would run it for vera, had the scaffolder let
    // her start a task: the action calls nt-infra with her credentials.
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const action = createGitOpsChangeAction({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async (id: string) => `${base}/api/${id}`,
        getExternalBaseUrl: async (id: string) => `${base}/api/${id}`,
      },
      portalBaseUrl: 'http://portal.test',
    });
    const outputs: Record<string, unknown> = {};
    const run = action.handler({
      input: {
        kind: 'chaos-experiment',
        reason: 'vera tries',
        params: {
          file: 'staging/by-vera.yaml',
          set: [{ path: ['x'], value: 1 }],
        },
      },
      getInitiatorCredentials: async () => mockCredentials.user(VERA),
      task: { id: '00000000-0000-4000-8000-00000000000a' },
      step: { id: 'pod-chaos' },
      logger: mockServices.logger.mock(),
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    } as any);
    await expect(run).rejects.toThrow(/Not allowed: nt-infra.gitops.create/);
    expect(outputs).toEqual({});
    expect(await audit('route')).toContainEqual(
      expect.objectContaining({
        actor: VERA,
        action: 'nt-infra.gitops.create',
        targetId: expect.stringMatching(/^POST .*\/gitops\/changes$/),
        decision: 'denied',
      }),
    );
  });
});
