import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  EventLoopLag,
  k8sDeployment,
  k8sList,
  k8sPod,
  k8sStatus,
} from '@internal/sandbox';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { KubernetesClusterProvider } from './KubernetesClusterProvider';

// Wall-clock bounds below are a second plus however late this process ran
// its timers during the test, never a guessed sub-second slack.
let lag: EventLoopLag;
beforeEach(() => {
  lag = EventLoopLag.start();
});
afterEach(() => lag.stop());

const CLUSTER = 'aks-ntai-production-eastus';
const API = 'https://aks-eastus.test';
const DEPLOYMENTS = `${API}/apis/apps/v1/namespaces/ntai/deployments`;
const PODS = `${API}/api/v1/namespaces/ntai/pods`;
const CREATED = '2026-01-01T00:00:00Z';

const deployments = k8sList(
  'Deployment',
  'apps/v1',
  [
    k8sDeployment({
      name: 'ntai-api',
      namespace: 'ntai',
      uid: 'd-1',
      resourceVersion: '10',
      creationTimestamp: CREATED,
      labels: { 'app.kubernetes.io/name': 'ntai-api' },
      generation: 1,
      replicas: 3,
      readyReplicas: 2,
      containers: [{ name: 'api', image: 'ntai/api:1' }],
    }),
  ],
  '10',
);
const pods = k8sList(
  'Pod',
  'v1',
  [true, true, false].map((ready, i) =>
    k8sPod({
      name: `ntai-api-5d8f7c9b4d-x${i}`,
      namespace: 'ntai',
      uid: `p-${i}`,
      resourceVersion: '11',
      creationTimestamp: CREATED,
      labels: {
        'app.kubernetes.io/name': 'ntai-api',
        'pod-template-hash': '5d8f7c9b4d',
      },
      ownerReplicaSet: 'ntai-api-5d8f7c9b4d',
      containers: [{ name: 'api', image: 'ntai/api:1' }],
      ready,
      reason: ready ? undefined : 'ContainersNotReady',
    }),
  ),
  '11',
);
const unavailable = () =>
  HttpResponse.json(
    k8sStatus(503, 'InternalError', 'etcdserver: leader changed'),
    { status: 503 },
  );

function providerFor(
  cluster: Record<string, unknown>,
  options: { credential?: TokenCredential; requestTimeoutMs?: number } = {},
) {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        { type: 'config', clusters: [{ name: CLUSTER, url: API, ...cluster }] },
      ],
    },
  });
  return KubernetesClusterProvider.fromConfig(config, {
    logger: mockServices.logger.mock(),
    // Short backoff keeps the suite fast; the count is what matters here.
    retry: { maxRetries: 2, baseDelayMs: 10 },
    ...options,
  });
}

const withToken = { authProvider: 'serviceAccount', serviceAccountToken: 't' };

describe('KubernetesClusterProvider when the API server misbehaves', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('retries a 503 and then answers', async () => {
    let calls = 0;
    server.use(
      http.get(DEPLOYMENTS, () =>
        ++calls === 1 ? unavailable() : HttpResponse.json(deployments),
      ),
      http.get(PODS, () => HttpResponse.json(pods)),
    );
    await expect(
      providerFor(withToken).getReadiness(CLUSTER, 'ntai'),
    ).resolves.toEqual({
      name: CLUSTER,
      workloads: [
        {
          namespace: 'ntai',
          name: 'ntai-api',
          desiredReplicas: 3,
          readyReplicas: 2,
        },
      ],
      pods: { total: 3, ready: 2 },
    });
    expect(calls).toBe(2);
  });

  it('gives up after maxRetries + 1 attempts, naming the cluster and the reason', async () => {
    let calls = 0;
    server.use(
      http.get(PODS, () => {
        calls++;
        return unavailable();
      }),
    );
    const error = await providerFor(withToken)
      .listPods(CLUSTER, 'ntai')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain(`'${CLUSTER}'`);
    expect(error.message).toContain('etcdserver: leader changed');
    expect(calls).toBe(3);
  });

  it('retries a dropped connection', async () => {
    let calls = 0;
    server.use(
      http.get(PODS, () =>
        ++calls === 1 ? HttpResponse.error() : HttpResponse.json(pods),
      ),
    );
    const listed = await providerFor(withToken).listPods(CLUSTER, 'ntai');
    expect(listed.map(p => [p.workload, p.ready])).toEqual([
      ['ntai-api', true],
      ['ntai-api', true],
      ['ntai-api', false],
    ]);
  });

  it('does not retry a rejected request and reports it as the user’s input', async () => {
    let calls = 0;
    server.use(
      http.post(
        `${API}/apis/chaos-mesh.org/v1alpha1/namespaces/ntai/podchaos`,
        () => {
          calls++;
          return HttpResponse.json(
            k8sStatus(
              422,
              'Invalid',
              'PodChaos.chaos-mesh.org "x" is invalid: spec.mode: Unsupported value: "most"',
            ),
            { status: 422 },
          );
        },
      ),
    );
    const error = await providerFor(withToken)
      .createChaos(
        CLUSTER,
        {
          apiVersion: 'chaos-mesh.org/v1alpha1',
          kind: 'PodChaos',
          metadata: { name: 'x', namespace: 'ntai' },
          spec: { action: 'pod-failure', mode: 'most', selector: {} },
        },
        'run-1',
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('spec.mode: Unsupported value: "most"');
    expect(calls).toBe(1);
  });

  it('gives up on a hung API server after the request timeout', async () => {
    let calls = 0;
    server.use(
      http.get(PODS, async () => {
        calls++;
        await delay('infinite');
        return HttpResponse.json(pods);
      }),
    );
    const started = Date.now();
    const error = await providerFor(withToken, { requestTimeoutMs: 200 })
      .listPods(CLUSTER, 'ntai')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain('timed out');
    expect(calls).toBe(3);
    // Three 200 ms attempts plus backoffs of at most 250 and 500 ms, not a hang.
    expect(Date.now() - started).toBeLessThan(
      lag.wallBound(3 * 200 + 250 + 500),
    );
  });

  it('authenticates to AKS with an Entra ID token, renewed before it expires', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(PODS, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(pods);
      }),
    );
    const tokens: AccessToken[] = [
      // Expires within the refresh margin: used once, then replaced.
      { token: 'aad-1', expiresOnTimestamp: Date.now() + 60_000 },
      { token: 'aad-2', expiresOnTimestamp: Date.now() + 3_600_000 },
    ];
    const scopes: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: async scope => {
        scopes.push(scope);
        return tokens.shift() ?? null;
      },
    };
    const provider = providerFor({ authProvider: 'azure' }, { credential });
    for (let i = 0; i < 3; i++) await provider.listPods(CLUSTER, 'ntai');
    expect(seen).toEqual(['Bearer aad-1', 'Bearer aad-2', 'Bearer aad-2']);
    expect(scopes).toEqual([
      '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
      '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
    ]);
  });
});
