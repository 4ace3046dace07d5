import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import fs from 'fs/promises';
import { Server } from 'http';
import { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import {
  FixtureRepo,
  reportFigures,
  startReliabilityBackend,
  tableCounts,
} from '../__testUtils__/reliabilityBackend';
import { git } from '../../services/gitops/git';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';

jest.setTimeout(180_000);

const stopConditions = [
  { metric: 'ntai:slo_burn_rate:5m', op: '>', threshold: 14.4, for: '0s' },
];
const podFailure = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '1m',
  mode: 'one',
  stopConditions,
};

/**
 * Templates a hostile or careless caller sends. Each is refused: a 400, or a
 * preview the policy does not allow (which a start turns into a 409).
 */
const HOSTILE_TEMPLATES: Record<string, string> = {
  'namespace kube-system': JSON.stringify({
    ...podFailure,
    workload: { namespace: 'kube-system', name: 'coredns' },
  }),
  'namespace chaos-mesh': JSON.stringify({
    ...podFailure,
    workload: { namespace: 'chaos-mesh', name: 'chaos-controller-manager' },
  }),
  'namespace default': JSON.stringify({
    ...podFailure,
    workload: { namespace: 'default', name: 'ntai-api' },
  }),
  'selector injected beside the workload': JSON.stringify({
    ...podFailure,
    selector: { namespaces: ['kube-system'] },
  }),
  'raw spec injected': JSON.stringify({
    ...podFailure,
    spec: { selector: { namespaces: ['kube-system'] }, mode: 'all' },
  }),
  'metadata injected': JSON.stringify({
    ...podFailure,
    metadata: { namespace: 'kube-system' },
  }),
  'label selector in a name': JSON.stringify({
    ...podFailure,
    workload: { namespace: 'ntai', name: 'ntai-api,app!=x' },
  }),
  '__proto__ carrying a namespace': `{"__proto__":{"workload":{"namespace":"kube-system","name":"coredns"}},${JSON.stringify(
    podFailure,
  ).slice(1)}`,
  'constructor.prototype': `{"constructor":{"prototype":{"namespace":"kube-system"}},${JSON.stringify(
    podFailure,
  ).slice(1)}`,
  'unknown kind': JSON.stringify({ ...podFailure, type: 'Secret' }),
  'workflow kind': JSON.stringify({ ...podFailure, type: 'workflow' }),
  'run id forged': JSON.stringify({ ...podFailure, runId: 'other-run' }),
  'huge fixed value': JSON.stringify({
    ...podFailure,
    mode: 'fixed',
    value: 1e9,
  }),
  'huge duration': JSON.stringify({ ...podFailure, duration: '876000h' }),
  'huge latency': JSON.stringify({
    ...podFailure,
    type: 'network-latency',
    latencyMs: 1e12,
  }),
  'huge memory': JSON.stringify({
    ...podFailure,
    type: 'memory-stress',
    workers: 16,
    sizeMb: 1e9,
  }),
  'percent above 100': JSON.stringify({
    ...podFailure,
    mode: 'fixed-percent',
    value: 1000,
  }),
  'no stop condition': JSON.stringify({ ...podFailure, stopConditions: [] }),
  'PromQL injected as a metric': JSON.stringify({
    ...podFailure,
    stopConditions: [
      { ...stopConditions[0], metric: 'up{job=~".+"} or vector(0)' },
    ],
  }),
};

/** The production library experiment, as a resource a change request adds. */
const apiPodFailure = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata: {
    name: 'api-pod-failure-fuzz',
    namespace: 'ntai',
    labels: { 'nt-infra.io/experiment': 'true' },
    annotations: {
      'nt-infra.io/title': 'API pod failure (fuzz)',
      'nt-infra.io/description': 'One API pod fails.',
      'nt-infra.io/environment': 'production',
      'nt-infra.io/cadence': 'weekly',
      'nt-infra.io/expected-impact': 'None.',
      'nt-infra.io/stop-conditions':
        '- {metric: "ntai:slo_burn_rate:5m", op: ">", threshold: 14.4, for: 1m}\n',
    },
  },
  spec: {
    action: 'pod-failure',
    mode: 'fixed-percent',
    value: '10',
    duration: '5m',
    selector: {
      namespaces: ['ntai'],
      labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
    },
  },
};
const withSpec = (spec: Record<string, unknown>) => ({
  ...apiPodFailure,
  spec: { ...apiPodFailure.spec, ...spec },
});

/** Experiments a change request proposes for the library; the CI checks refuse each. */
const HOSTILE_RESOURCES: Record<string, unknown> = {
  'a Secret': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'evil', namespace: 'ntai' },
    stringData: { token: 'x' },
  },
  'a ClusterRoleBinding': {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'evil' },
    roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
  },
  'a selector escaping to kube-system': withSpec({
    selector: { namespaces: ['kube-system'] },
  }),
  'every pod in production': withSpec({ mode: 'all', value: undefined }),
  'a __proto__ key': JSON.parse(
    `{"__proto__":{"kind":"Secret"},${JSON.stringify(apiPodFailure).slice(1)}`,
  ),
  'a YAML document smuggled in a name': {
    ...apiPodFailure,
    metadata: {
      ...apiPodFailure.metadata,
      name: 'x\n---\napiVersion: v1\nkind: Secret',
    },
  },
};

describe('hostile experiment manifests are refused', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let knex: Knex;
  let server: Server;
  const figures = {
    'templates tried': 0,
    'templates refused': 0,
    'change requests tried': 0,
    'change requests refused': 0,
    'chaos resources created': 0,
    failures: 0,
  };

  const post = (p: string, body: string, key?: string) => {
    let req = request(server)
      .post(`/api/nt-infra${p}`)
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json');
    if (key) req = req.set('Idempotency-Key', key);
    return req.send(body);
  };

  async function chaosResources(): Promise<number> {
    const state = await sandbox.state();
    return (
      JSON.stringify(state.chaos ?? []).match(/"kind":"\w+Chaos"/g)?.length ?? 0
    );
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
    // A "billion laughs" in the library the backend reads.
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      laughs.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    await fs.writeFile(
      path.join(repo.root, 'kubernetes/chaos-experiments/staging/bomb.yaml'),
      `apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata:\n  name: bomb\n  namespace: ntai\nspec:\n  ${laughs.join(
        '\n  ',
      )}\n`,
    );
    knex = await databases.init('SQLITE_3');
    const backend = await startReliabilityBackend({
      sandbox,
      knex,
      repo,
      environment: 'staging',
    });
    server = backend.server as unknown as Server;
  });
  afterAll(async () => {
    reportFigures('hostile manifests', figures);
    await sandbox?.stop();
    await repo?.cleanup();
  });

  it('allows the well-formed template, so refusals below are about the hostility', async () => {
    const res = await post(
      '/runs/chaos/preview',
      JSON.stringify({
        environment: 'staging',
        regions: ['westus'],
        template: podFailure,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(true);
  });

  it.each(Object.keys(HOSTILE_TEMPLATES))(
    'refuses a template: %s',
    async name => {
      figures['templates tried'] += 1;
      const body = `{"environment":"staging","regions":["westus"],"template":${HOSTILE_TEMPLATES[name]}}`;
      const before = await tableCounts(knex);
      const preview = await post('/runs/chaos/preview', body);
      const start = await post(
        '/runs/chaos',
        body,
        `hostile-${name.replace(/\W+/g, '-')}`,
      );
      try {
        // Refused either way: a 400 naming the field, or a preview the guard rails disallow.
        const refused =
          preview.status === 400 ||
          (preview.status === 200 && preview.body.allowed === false);
        expect({ status: preview.status, refused }).toEqual({
          status: preview.status,
          refused: true,
        });
        expect([400, 409]).toContain(start.status);
        const after = await tableCounts(knex);
        // No run, no key; every refused start is audited (one row: the
        // policy's, or the 400's), and so is a preview refused with a 400.
        expect({ ...after, audit_events: 0 }).toEqual({
          ...before,
          audit_events: 0,
        });
        expect(after.audit_events - before.audit_events).toBe(
          1 + (preview.status === 400 ? 1 : 0),
        );
        expect(await chaosResources()).toBe(0);
        figures['templates refused'] += 1;
      } catch (error) {
        figures.failures += 1;
        throw error;
      }
      expect(Object.keys(Object.prototype)).toEqual([]);
    },
  );

  it('keeps a YAML alias bomb in the library a reported problem that cannot run', async () => {
    const started = Date.now();
    const res = await request(server)
      .get('/api/nt-infra/experiments')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.body.items.map((e: { name: string }) => e.name)).not.toContain(
      'bomb',
    );
    expect(JSON.stringify(res.body.problems)).toMatch(/bomb\.yaml/);
    const run = await post(
      '/runs/chaos/preview',
      JSON.stringify({
        environment: 'staging',
        regions: ['westus'],
        experimentId: 'PodChaos/ntai/bomb',
      }),
    );
    expect(run.status).toBe(400);
    expect(run.body.error.message).toMatch(/experimentId/);
  });

  it('previews the well-formed production experiment as passing the checks', async () => {
    const res = await post(
      '/gitops/changes/preview',
      JSON.stringify({
        kind: 'chaos-experiment',
        reason: 'fuzz',
        params: {
          file: 'production/api-pod-failure-fuzz.yaml',
          resource: apiPodFailure,
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(
      res.body.checks.filter((c: { status: string }) => c.status === 'failed'),
    ).toEqual([]);
  });

  it.each(Object.keys(HOSTILE_RESOURCES))(
    'refuses a change request adding %s',
    async name => {
      figures['change requests tried'] += 1;
      const body = JSON.stringify({
        kind: 'chaos-experiment',
        reason: 'fuzz',
        params: {
          file: 'production/fuzz.yaml',
          resource: HOSTILE_RESOURCES[name],
        },
      });
      const before = await tableCounts(knex);
      const branches = await git(repo.remote, ['branch', '--list']);
      const res = await post(
        '/gitops/changes',
        body,
        `cr-${name.replace(/\W+/g, '-')}`,
      );
      try {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/Change refused|Invalid/);
        const after = await tableCounts(knex);
        expect(after.change_requests).toBe(before.change_requests);
        expect(await git(repo.remote, ['branch', '--list'])).toBe(branches);
        figures['change requests refused'] += 1;
      } catch (error) {
        figures.failures += 1;
        throw error;
      }
    },
  );

  it('created no Chaos Mesh resource anywhere', async () => {
    figures['chaos resources created'] = await chaosResources();
    expect(figures['chaos resources created']).toBe(0);
  });
});
