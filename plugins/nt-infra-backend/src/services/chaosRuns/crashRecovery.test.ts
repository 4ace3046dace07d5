import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../../plugin';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';

jest.setTimeout(120_000);

const EAST = 'aks-ntai-production-eastus';

describe('a backend killed during a chaos run', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox;
  let clusters: KubernetesClusterProvider;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
  });
  afterAll(() => sandbox.stop());

  function startBackend(knex: Knex) {
    return startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, {
            environment: 'staging',
            runs: { tickSeconds: 0.2, leaseSeconds: 1 },
          }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.database.factory({ knex }),
        schedulerServiceFactory,
      ],
    });
  }

  it.each(databases.eachSupportedId())(
    'leaves no fault behind: the restarted backend finishes the run on %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const first = await startBackend(knex);
      const started = await request(first.server)
        .post('/api/nt-infra/runs/chaos')
        .set('Authorization', mockCredentials.user.header())
        .send({
          environment: 'staging',
          regions: ['eastus'],
          template: {
            type: 'pod-failure',
            workload: { namespace: 'ntai', name: 'ntai-api' },
            duration: '4s',
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
      const get = async (server: unknown): Promise<RunDetail> =>
        (
          await request(server as any)
            .get(`/api/nt-infra/runs/${id}`)
            .set('Authorization', mockCredentials.user.header())
        ).body;

      await waitFor(
        async () => (await get(first.server)).state === 'running',
        30_000,
      );
      expect(await clusters.listManagedChaos(EAST, id)).toHaveLength(1);

      // The process goes away mid-run: the fault stays in the cluster.
      await first.stop();
      expect(await clusters.listManagedChaos(EAST, id)).toHaveLength(1);

      const second = await startBackend(knex);
      const run = await waitFor(async () => {
        const r = await get(second.server);
        return r.state === 'completed' && r;
      }, 60_000);
      expect(run.transitions.map(t => t.to)).toEqual([
        'approved',
        'running',
        'stopping',
        'completed',
      ]);
      expect(await clusters.listManagedChaos(EAST, id)).toEqual([]);
      await second.stop();
    },
  );
});
