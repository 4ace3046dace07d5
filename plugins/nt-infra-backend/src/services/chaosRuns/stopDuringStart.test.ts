import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../../plugin';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';

jest.setTimeout(120_000);

const EAST = 'aks-ntai-production-eastus';

/**
 * A person stops a run while the engine is creating its fault: the Stop must
 * not end the run as "aborted, nothing applied" while the fault it was
 * creating lands in the cluster afterwards and runs its full duration.
 */
describe('a chaos run stopped while its fault is being created', () => {
  let sandbox: TestSandbox;
  let clusters: KubernetesClusterProvider;
  // The Kubernetes API answers the fault's creation only once the test says so.
  let creating: () => void;
  const creationSeen = new Promise<void>(resolve => (creating = resolve));
  let release: () => void;
  const released = new Promise<void>(resolve => (release = resolve));
  const msw = setupServer();

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
    const api = sandbox.endpoints.clusters.find(c => c.name === EAST)!.url;
    msw.use(
      http.post(
        `${api}/apis/chaos-mesh.org/v1alpha1/namespaces/ntai/podchaos`,
        async () => {
          creating();
          await released;
          return passthrough();
        },
      ),
    );
    msw.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(async () => {
    msw.close();
    await sandbox.stop();
  });

  it('goes through stopping and removes the fault that landed after the Stop', async () => {
    // The assertions are in stopMidStart, run against this backend.
    expect.hasAssertions();
    const backend = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, {
            environment: 'staging',
            runs: { tickSeconds: 0.2, leaseSeconds: 5 },
          }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'error' }),
        schedulerServiceFactory,
      ],
    });
    try {
      await stopMidStart(backend.server);
    } finally {
      await backend.stop();
    }
  });

  async function stopMidStart(server: unknown) {
    const alice = mockCredentials.user.header('user:default/alice');
    const started = await request(server as any)
      .post('/api/nt-infra/runs/chaos')
      .set('Authorization', alice)
      .send({
        environment: 'staging',
        regions: ['eastus'],
        template: {
          type: 'pod-failure',
          workload: { namespace: 'ntai', name: 'ntai-api' },
          duration: '10m',
          mode: 'fixed',
          value: 1,
          stopConditions: [
            {
              metric: 'ntai:availability:ratio_rate5m',
              op: '<',
              threshold: 0.5,
              for: '1m',
            },
          ],
        },
      });
    expect(started.status).toBe(201);
    const id = started.body.id;

    await creationSeen;
    const stopped = await request(server as any)
      .post(`/api/nt-infra/runs/${id}/stop`)
      .set('Authorization', alice)
      .send({ reason: 'wrong workload' });
    expect(stopped.status).toBe(200);
    release();

    const run = await waitFor(async () => {
      const r: RunDetail = (
        await request(server as any)
          .get(`/api/nt-infra/runs/${id}`)
          .set('Authorization', alice)
      ).body;
      return ['aborted', 'failed', 'completed'].includes(r.state) && r;
    }, 60_000);
    expect(run.transitions.map(t => t.to)).toEqual([
      'approved',
      'stopping',
      'aborted',
    ]);
    expect(run.transitions[2].reason).toMatch(
      /^faults removed \(stopped by user:default\/alice: wrong workload\)/,
    );
    expect(await clusters.listManagedChaos(EAST, id)).toEqual([]);
  }
});
