import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { ClusterReadiness } from '@internal/plugin-nt-infra-common';
import { TestSandbox, startTestSandbox, waitFor } from '@internal/sandbox';
import {
  ChaosResource,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  RUN_ID_LABEL,
} from './ClusterProvider';
import { KubernetesClusterProvider } from './KubernetesClusterProvider';

// Booting a world (CA, a dozen servers) and the fast-clock waits need more
// than jest's default 5 s on a busy 2-core machine.
jest.setTimeout(30_000);

const EAST = 'aks-ntai-production-eastus';
const WEST = 'aks-ntai-production-westus';
const STAGING_EAST = 'aks-ntai-staging-eastus';
const STAGING_WEST = 'aks-ntai-staging-westus';

function podFailure(
  name: string,
  value: string,
  mode = 'fixed',
): ChaosResource {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'PodChaos',
    metadata: { name, namespace: 'ntai' },
    spec: {
      action: 'pod-failure',
      mode,
      value,
      duration: '10m',
      selector: { labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' } },
    },
  };
}

describe('KubernetesClusterProvider against the sandbox world', () => {
  let sandbox: TestSandbox;
  let provider: KubernetesClusterProvider;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    // The same shape as app-config.yaml's kubernetes section: TLS verified
    // against the sandbox CA file, a static service-account token.
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: sandbox.endpoints.clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'test-token',
              caFile: sandbox.endpoints.caPath,
            })),
          },
        ],
      },
    });
    provider = KubernetesClusterProvider.fromConfig(config, {
      logger: mockServices.logger.mock(),
    });
  });
  afterAll(() => sandbox?.stop());
  afterEach(() => sandbox.control('/reset', { method: 'POST' }));

  it('lists the configured clusters', () => {
    expect(provider.clusterNames()).toEqual([
      EAST,
      WEST,
      STAGING_EAST,
      STAGING_WEST,
    ]);
  });

  it.each([EAST, WEST, STAGING_EAST, STAGING_WEST])(
    'reads the readiness of ntai in %s',
    async cluster => {
      // Production runs its HPA floor of ten API pods, staging three.
      const api = cluster.includes('production') ? 10 : 3;
      await expect(provider.getReadiness(cluster, 'ntai')).resolves.toEqual({
        name: cluster,
        workloads: [
          {
            namespace: 'ntai',
            name: 'ntai-api',
            desiredReplicas: api,
            readyReplicas: api,
          },
          {
            namespace: 'ntai',
            name: 'ntai-web',
            desiredReplicas: 2,
            readyReplicas: 2,
          },
          {
            namespace: 'ntai',
            name: 'ntai-worker',
            desiredReplicas: 2,
            readyReplicas: 2,
          },
        ],
        pods: { total: api + 4, ready: api + 4 },
      });
    },
  );

  it('lists the pods a label selector matches, with their workload', async () => {
    const pods = await provider.listPods(
      EAST,
      'ntai',
      'app.kubernetes.io/name=ntai-api',
    );
    expect(pods).toHaveLength(10);
    for (const pod of pods) {
      expect(pod).toMatchObject({
        namespace: 'ntai',
        name: expect.stringMatching(/^ntai-api-/),
        workload: 'ntai-api',
        ready: true,
        phase: 'Running',
        labels: expect.objectContaining({
          'app.kubernetes.io/name': 'ntai-api',
        }),
      });
    }
  });

  it('injects a pod failure, finds it by run, and removes it idempotently', async () => {
    const manifest = podFailure('api-pod-failure', '1');
    const snapshot = structuredClone(manifest);

    const created = await provider.createChaos(EAST, manifest, 'run-42');
    expect(created.metadata.labels).toMatchObject({
      [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
      [RUN_ID_LABEL]: 'run-42',
    });
    expect(created.metadata.uid).toBeDefined();
    // The experiment library's manifest is reused by later runs.
    expect(manifest).toEqual(snapshot);

    // Chaos Mesh selects one pod and fails it: the user sees readiness drop.
    // Pods and Deployments are two reads (and the Deployment's status
    // follows its pods), so wait until both show it.
    const apiOf = (r: ClusterReadiness) =>
      r.workloads.find(w => w.name === 'ntai-api');
    const degraded = await waitFor(async () => {
      const r = await provider.getReadiness(EAST, 'ntai');
      return r.pods.ready < 14 && apiOf(r)?.readyReplicas === 9 ? r : undefined;
    });
    expect(degraded.pods).toEqual({ total: 14, ready: 13 });
    expect(apiOf(degraded)).toMatchObject({ desiredReplicas: 10 });

    const mine = await provider.listManagedChaos(EAST, 'run-42');
    expect(
      mine.map(c => [c.kind, c.metadata.namespace, c.metadata.name]),
    ).toEqual([['PodChaos', 'ntai', 'api-pod-failure']]);
    await expect(provider.listManagedChaos(EAST, 'run-other')).resolves.toEqual(
      [],
    );
    await expect(provider.listManagedChaos(WEST)).resolves.toEqual([]);

    await provider.deleteChaos(EAST, 'PodChaos', 'ntai', 'api-pod-failure');
    await expect(
      provider.getChaos(EAST, 'PodChaos', 'ntai', 'api-pod-failure'),
    ).resolves.toBeUndefined();
    await expect(provider.listManagedChaos(EAST)).resolves.toEqual([]);
    // Cleanup runs again after restarts and halt-all: a second delete succeeds.
    await expect(
      provider.deleteChaos(EAST, 'PodChaos', 'ntai', 'api-pod-failure'),
    ).resolves.toBeUndefined();
    // Deleting the experiment recovers the pod at once.
    await waitFor(
      async () => (await provider.getReadiness(EAST, 'ntai')).pods.ready === 14,
    );
  });

  it('treats re-applying the same run as success and another run as a conflict', async () => {
    const manifest = podFailure('api-pod-failure', '1');
    const first = await provider.createChaos(WEST, manifest, 'run-1');
    const again = await provider.createChaos(WEST, manifest, 'run-1');
    expect(again.metadata.uid).toBe(first.metadata.uid);
    await expect(provider.createChaos(WEST, manifest, 'run-2')).rejects.toThrow(
      expect.objectContaining({ name: 'ConflictError' }),
    );
  });

  it("rejects an invalid experiment with Chaos Mesh's own reason", async () => {
    const error = await provider
      .createChaos(
        EAST,
        podFailure('too-much', '150', 'fixed-percent'),
        'run-7',
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(EAST);
    expect(error.message).toContain(
      'value must be an integer in 1..100 with mode:fixed-percent',
    );
    // Nothing was created.
    await expect(provider.listManagedChaos(EAST, 'run-7')).resolves.toEqual([]);
  });

  it('answers NotFoundError for a cluster that is not configured', async () => {
    await expect(provider.getReadiness('aks-nowhere', 'ntai')).rejects.toThrow(
      NotFoundError,
    );
  });
});
