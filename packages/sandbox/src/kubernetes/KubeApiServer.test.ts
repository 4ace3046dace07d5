import https from 'node:https';
import {
  ApisApi,
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import { startTestSandbox, TestSandbox, waitFor } from '../testing/testSandbox';

// Each file boots a whole world (certificates, a dozen servers); on a busy 2-core CI machine
// that and the fast-clock waits need more than jest's default 5 s.
jest.setTimeout(30_000);

const EAST = 'aks-ntai-production-eastus';
const chaos = {
  group: 'chaos-mesh.org',
  version: 'v1alpha1',
  namespace: 'ntai',
};

function podChaos(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'PodChaos',
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/managed-by': 'nt-infra',
        'nt-infra.io/run-id': 'run-1',
      },
    },
    spec,
  };
}

/** The error body the client surfaces (ApiException carries the raw body). */
function statusOf(e: any) {
  return {
    code: e.code,
    body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body,
  };
}

describe('Kubernetes API (real @kubernetes/client-node with TLS verification)', () => {
  let sandbox: TestSandbox;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    kc = new KubeConfig();
    kc.loadFromFile(sandbox.endpoints.kubeconfigPath!);
    kc.setCurrentContext(EAST);
    core = kc.makeApiClient(CoreV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => sandbox.stop());

  it('writes a kubeconfig with one context per cluster and the CA embedded', () => {
    expect(kc.getContexts().map(c => c.name)).toEqual([
      EAST,
      'aks-ntai-production-westus',
      'aks-ntai-staging-eastus',
      'aks-ntai-staging-westus',
    ]);
    expect(kc.getCluster(EAST)).toMatchObject({
      server: sandbox.endpoints.regions.eastus.clusters[EAST],
      skipTLSVerify: false,
    });
    expect(Buffer.from(kc.getCluster(EAST)!.caData!, 'base64').toString()).toBe(
      sandbox.ca,
    );
  });

  it('serves the standard kinds it does not model as a cluster without such objects would', async () => {
    const services = await core.listNamespacedService({ namespace: 'ntai' });
    expect(services.items).toEqual([]);
    const batch = kc.makeApiClient(BatchV1Api);
    expect(
      (await batch.listNamespacedJob({ namespace: 'ntai' })).items,
    ).toEqual([]);
    const hpa = kc.makeApiClient(AutoscalingV2Api);
    const missing = await hpa
      .readNamespacedHorizontalPodAutoscaler({
        name: 'ntai-api',
        namespace: 'ntai',
      })
      .catch(e => e);
    expect(missing.code).toBe(404);
    const body =
      typeof missing.body === 'string'
        ? JSON.parse(missing.body)
        : missing.body;
    expect(body.reason).toBe('NotFound');
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'autoscaling',
        'networking.k8s.io',
      ]),
    );
  });

  it('lists namespaces, deployments and pods of the naming contract', async () => {
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map(n => n.metadata!.name)).toEqual(
      expect.arrayContaining(['ntai', 'chaos-mesh', 'kube-system', 'default']),
    );
    const deployments = await kc
      .makeApiClient(AppsV1Api)
      .listNamespacedDeployment({ namespace: 'ntai' });
    expect(
      deployments.items.map(d => [
        d.metadata!.name,
        d.spec!.replicas,
        d.status!.readyReplicas,
      ]),
    ).toEqual([
      // Production's HPA floor.
      ['ntai-api', 10, 10],
      ['ntai-web', 2, 2],
      ['ntai-worker', 2, 2],
    ]);
    const pods = await core.listNamespacedPod({
      namespace: 'ntai',
      labelSelector: 'app.kubernetes.io/name=ntai-api',
    });
    expect(pods.items).toHaveLength(10);
    for (const pod of pods.items) {
      expect(pod.metadata!.name).toMatch(/^ntai-api-[a-z0-9]{10}-[a-z0-9]{5}$/);
      expect(pod.metadata!.labels).toMatchObject({
        'app.kubernetes.io/name': 'ntai-api',
        'app.kubernetes.io/part-of': 'ntai',
        'app.kubernetes.io/component': 'api',
      });
      expect(
        pod.status!.conditions!.find(c => c.type === 'Ready')!.status,
      ).toBe('True');
    }
    const all = await core.listPodForAllNamespaces();
    expect(all.items.length).toBe(10 + 2 + 2 + 1 + 2);
    const set = await core.listPodForAllNamespaces({
      labelSelector:
        'app.kubernetes.io/component in (web,worker),app.kubernetes.io/part-of=ntai',
    });
    expect(
      set.items
        .map(p => p.metadata!.labels!['app.kubernetes.io/component'])
        .sort(),
    ).toEqual(['web', 'web', 'worker', 'worker']);
  });

  it('owns pods through ReplicaSets as the Deployment controller does (Deployment → ReplicaSet → Pod by uid)', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const deployment = await apps.readNamespacedDeployment({
      name: 'ntai-api',
      namespace: 'ntai',
    });
    const sets = await apps.listNamespacedReplicaSet({
      namespace: 'ntai',
      labelSelector: 'app.kubernetes.io/name=ntai-api',
    });
    expect(sets.items).toHaveLength(1);
    const rs = sets.items[0];
    expect(rs.metadata!.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'ntai-api',
        uid: deployment.metadata!.uid,
        controller: true,
      }),
    ]);
    expect(rs.metadata!.uid).not.toBe(deployment.metadata!.uid);
    expect(rs.status).toMatchObject({
      replicas: 10,
      readyReplicas: 10,
      availableReplicas: 10,
    });
    const hash = rs.metadata!.labels!['pod-template-hash'];
    expect(rs.metadata!.name).toBe(`ntai-api-${hash}`);
    expect(
      await apps.readNamespacedReplicaSet({
        name: rs.metadata!.name!,
        namespace: 'ntai',
      }),
    ).toMatchObject({ metadata: { uid: rs.metadata!.uid } });

    const pods = await core.listNamespacedPod({
      namespace: 'ntai',
      labelSelector: `pod-template-hash=${hash}`,
    });
    expect(pods.items).toHaveLength(10);
    for (const pod of pods.items) {
      expect(pod.metadata!.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: rs.metadata!.name,
          uid: rs.metadata!.uid,
        }),
      ]);
    }
    // Every Deployment has its own ReplicaSet, with its own uid.
    const all = await apps.listReplicaSetForAllNamespaces();
    expect(new Set(all.items.map(r => r.metadata!.uid)).size).toBe(5);

    // The ReplicaSet's status follows the pods: one not ready shows at once.
    const victim = pods.items[0].metadata!.name!;
    await core.deleteNamespacedPod({ name: victim, namespace: 'ntai' });
    const after = await apps.readNamespacedReplicaSet({
      name: rs.metadata!.name!,
      namespace: 'ntai',
    });
    expect(after.status).toMatchObject({ replicas: 10, readyReplicas: 9 });
    expect(Number(after.metadata!.resourceVersion)).toBeGreaterThan(
      Number(rs.metadata!.resourceVersion),
    );
    // The replacement starts within seconds (world time); later tests expect all ready.
    await waitFor(
      async () =>
        (
          await apps.readNamespacedReplicaSet({
            name: rs.metadata!.name!,
            namespace: 'ntai',
          })
        ).status!.readyReplicas === 10,
    );
  });

  it('a PodChaos pod-failure makes the selected pods not ready for its duration, then recovers', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      body: podChaos('api-failure', {
        action: 'pod-failure',
        mode: 'fixed',
        value: '2',
        duration: '30s',
        selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
      }),
    });
    expect(created.metadata).toMatchObject({
      name: 'api-failure',
      namespace: 'ntai',
      generation: 1,
    });
    const injected: any = await waitFor(async () => {
      const o: any = await custom.getNamespacedCustomObject({
        ...chaos,
        plural: 'podchaos',
        name: 'api-failure',
      });
      return o.status?.experiment?.desiredPhase === 'Run' && o;
    });
    const records = injected.status.experiment.containerRecords;
    expect(records).toHaveLength(2);
    expect(injected.status.conditions).toEqual(
      expect.arrayContaining([{ type: 'AllInjected', status: 'True' }]),
    );
    const pods = await core.listNamespacedPod({
      namespace: 'ntai',
      labelSelector: 'app.kubernetes.io/name=ntai-api',
    });
    const notReady = pods.items
      .filter(
        p =>
          p.status!.conditions!.find(c => c.type === 'Ready')!.status ===
          'False',
      )
      .map(p => `ntai/${p.metadata!.name}`);
    expect(notReady.sort()).toEqual(records.map((r: any) => r.id).sort());
    const listed: any = await custom.listClusterCustomObject({
      group: chaos.group,
      version: chaos.version,
      plural: 'podchaos',
    });
    expect(listed.items.map((i: any) => i.metadata.name)).toEqual([
      'api-failure',
    ]);

    // 30 s of world time later Chaos Mesh recovers the pods and keeps the object.
    const recovered: any = await waitFor(async () => {
      const o: any = await custom.getNamespacedCustomObject({
        ...chaos,
        plural: 'podchaos',
        name: 'api-failure',
      });
      return o.status.experiment.desiredPhase === 'Stop' && o;
    }, 10000);
    expect(
      recovered.status.experiment.containerRecords.every(
        (r: any) => r.phase === 'Not Injected',
      ),
    ).toBe(true);
    const after = await core.listNamespacedPod({
      namespace: 'ntai',
      labelSelector: 'app.kubernetes.io/name=ntai-api',
    });
    expect(
      after.items.every(
        p =>
          p.status!.conditions!.find(c => c.type === 'Ready')!.status ===
          'True',
      ),
    ).toBe(true);
    await custom.deleteNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      name: 'api-failure',
    });
  });

  it('failing every serving pod takes the region app down (503), deleting the experiment brings it back', async () => {
    await custom.createNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      body: podChaos('web-down', {
        action: 'pod-failure',
        mode: 'all',
        selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' } },
      }),
    });
    const app = sandbox.endpoints.regions.eastus.app;
    await waitFor(async () => (await fetch(`${app}/healthz`)).status === 503);
    expect(
      (await fetch(`${sandbox.endpoints.regions.westus.app}/healthz`)).status,
    ).toBe(200);
    await custom.deleteNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      name: 'web-down',
    });
    await waitFor(async () => (await fetch(`${app}/healthz`)).status === 200);
  });

  it('NetworkChaos delay raises the latency of requests through the selected pods', async () => {
    const app = sandbox.endpoints.regions.eastus.app;
    const before = await (await fetch(`${app}/api/ping`)).json();
    await custom.createNamespacedCustomObject({
      ...chaos,
      plural: 'networkchaos',
      body: {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'NetworkChaos',
        metadata: { name: 'api-delay' },
        spec: {
          action: 'delay',
          mode: 'all',
          selector: {
            labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
          },
          delay: { latency: '400ms' },
        },
      },
    });
    const slow = await waitFor(async () => {
      const r = await (await fetch(`${app}/api/ping`)).json();
      return r.latencyMs >= before.latencyMs + 400 && r;
    });
    expect(slow.status).toBe(200);
    await custom.deleteNamespacedCustomObject({
      ...chaos,
      plural: 'networkchaos',
      name: 'api-delay',
    });
    const fast = await (await fetch(`${app}/api/ping`)).json();
    expect(fast.latencyMs).toBeLessThan(before.latencyMs + 400);
  });

  it('StressChaos raises CPU-driven latency', async () => {
    const app = sandbox.endpoints.regions.eastus.app;
    const before = (await (await fetch(`${app}/api/ping`)).json()).latencyMs;
    await custom.createNamespacedCustomObject({
      ...chaos,
      plural: 'stresschaos',
      body: {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'StressChaos',
        metadata: { name: 'web-cpu' },
        spec: {
          mode: 'all',
          selector: {
            labelSelectors: { 'app.kubernetes.io/name': 'ntai-web' },
          },
          stressors: { cpu: { workers: 1, load: 100 } },
        },
      },
    });
    const stressed = await waitFor(async () => {
      const r = await (await fetch(`${app}/api/ping`)).json();
      return r.latencyMs > before * 1.5 && r;
    });
    expect(stressed.status).toBe(200);
    await custom.deleteNamespacedCustomObject({
      ...chaos,
      plural: 'stresschaos',
      name: 'web-cpu',
    });
    const relieved = await (await fetch(`${app}/api/ping`)).json();
    expect(relieved.latencyMs).toBeLessThan(stressed.latencyMs);
  });

  it.each([
    [
      'fixed with value 0',
      { action: 'pod-failure', mode: 'fixed', value: '0', selector: {} },
      'spec.value',
    ],
    [
      'fixed-percent above 100',
      {
        action: 'pod-failure',
        mode: 'fixed-percent',
        value: '101',
        selector: {},
      },
      'spec.value',
    ],
    [
      'random-max-percent with decimals',
      {
        action: 'pod-failure',
        mode: 'random-max-percent',
        value: '12.5',
        selector: {},
      },
      'spec.value',
    ],
    [
      'a bad Go duration',
      { action: 'pod-kill', mode: 'one', duration: '5 minutes', selector: {} },
      'spec.duration',
    ],
    [
      'an unknown action',
      { action: 'pod-explode', mode: 'one', selector: {} },
      'spec.action',
    ],
    ['no selector', { action: 'pod-kill', mode: 'one' }, 'spec.selector'],
  ])('rejects %s with 422 Invalid', async (_, spec, field) => {
    const error = await custom
      .createNamespacedCustomObject({
        ...chaos,
        plural: 'podchaos',
        body: podChaos('bad', spec),
      })
      .then(() => undefined, statusOf);
    expect(error?.code).toBe(422);
    expect(error?.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
    });
    expect(error?.body.details.causes.map((c: any) => c.field)).toContain(
      field,
    );
  });

  it('answers conflicts, missing objects and bad selectors with Status bodies', async () => {
    const body = podChaos('dup', {
      action: 'pod-kill',
      mode: 'one',
      selector: {},
    });
    await custom.createNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      body,
    });
    const conflict = await custom
      .createNamespacedCustomObject({ ...chaos, plural: 'podchaos', body })
      .then(() => undefined, statusOf);
    expect(conflict).toMatchObject({
      code: 409,
      body: { kind: 'Status', reason: 'AlreadyExists' },
    });
    const missing = await custom
      .getNamespacedCustomObject({ ...chaos, plural: 'podchaos', name: 'nope' })
      .then(() => undefined, statusOf);
    expect(missing).toMatchObject({
      code: 404,
      body: {
        kind: 'Status',
        reason: 'NotFound',
        message: 'podchaos.chaos-mesh.org "nope" not found',
      },
    });
    const pod = await core
      .readNamespacedPod({ namespace: 'ntai', name: 'nope' })
      .then(() => undefined, statusOf);
    expect(pod).toMatchObject({
      code: 404,
      body: { reason: 'NotFound', message: 'pods "nope" not found' },
    });
    const selector = await core
      .listNamespacedPod({ namespace: 'ntai', labelSelector: 'a in (b' })
      .then(() => undefined, statusOf);
    expect(selector).toMatchObject({
      code: 400,
      body: { kind: 'Status', reason: 'BadRequest' },
    });
    await custom.deleteNamespacedCustomObject({
      ...chaos,
      plural: 'podchaos',
      name: 'dup',
    });
  });

  it('requires a bearer token (any token is accepted)', async () => {
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        https
          .get(
            `${sandbox.endpoints.regions.eastus.clusters[EAST]}/api/v1/namespaces`,
            { ca: sandbox.ca, headers },
            res => {
              let text = '';
              res.on('data', c => (text += c));
              res.on('end', () =>
                resolve({ status: res.statusCode!, body: JSON.parse(text) }),
              );
            },
          )
          .on('error', reject);
      });
    expect(await get({})).toEqual({
      status: 401,
      body: expect.objectContaining({
        kind: 'Status',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
      }),
    });
    const ok = await get({ authorization: 'Bearer anything-at-all' });
    expect(ok.status).toBe(200);
    expect(ok.body.kind).toBe('NamespaceList');
  });

  it('streams pod changes to a watch', async () => {
    const events: { type: string; name: string; ready: string }[] = [];
    const req = await new Watch(kc).watch(
      '/api/v1/namespaces/ntai/pods',
      { labelSelector: 'app.kubernetes.io/name=ntai-worker' },
      (type, obj: any) =>
        events.push({
          type,
          name: obj.metadata.name,
          ready: obj.status.conditions.find((c: any) => c.type === 'Ready')
            .status,
        }),
      () => undefined,
    );
    await waitFor(() => events.filter(e => e.type === 'ADDED').length === 2);
    await sandbox.control('/faults', {
      method: 'POST',
      body: {
        kind: 'unready',
        region: 'eastus',
        deployment: 'ntai-worker',
        count: 1,
      },
    });
    const modified = await waitFor(() =>
      events.find(e => e.type === 'MODIFIED' && e.ready === 'False'),
    );
    expect(modified.name).toMatch(/^ntai-worker-/);
    req.abort();
  });
});
