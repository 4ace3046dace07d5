import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The real nt-infra plugin is what the collators read; only the test starts it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import ntInfraPlugin from '@internal/plugin-nt-infra-backend';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Readable } from 'stream';
import request from 'supertest';
import { sandboxConfig } from './__testUtils__/sandboxConfig';
import {
  NtInfraExperimentCollatorFactory,
  NtInfraRunCollatorFactory,
} from './collators';
import { NtInfraExperimentDocument, NtInfraRunDocument } from './documents';
import { NtInfraReader } from './NtInfraReader';

jest.setTimeout(120_000);

async function collect<T>(stream: Readable): Promise<T[]> {
  const documents: T[] = [];
  for await (const document of stream) documents.push(document as T);
  return documents;
}

/*
 * The collators against a started nt-infra backend and the sandbox world:
 * what they index is what nt-infra's API serves to the search plugin's own
 * service token, page by page.
 */
describe('nt-infra collators', () => {
  let sandbox: TestSandbox;
  let server: any;
  let reader: NtInfraReader;
  /** Who asked nt-infra for each read permission. */
  const readers: string[] = [];
  /** nt-infra's policy refuses every read while set. */
  let refuseReads = false;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    // The search plugin's services, as the module gets them.
    const searchServices = createBackendPlugin({
      pluginId: 'search',
      register(reg) {
        reg.registerInit({
          deps: { auth: coreServices.auth, discovery: coreServices.discovery },
          async init(deps) {
            reader = new NtInfraReader(deps);
          },
        });
      },
    });
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, { credentials }) => {
        const principal = credentials.principal as {
          type: string;
          subject?: string;
        };
        for (const r of requests) {
          if (r.permission.attributes.action === 'read') {
            readers.push(`${principal.type}:${principal.subject ?? ''}`);
          }
        }
        return requests.map(r => ({
          result:
            refuseReads && r.permission.attributes.action === 'read'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
    });
    ({ server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        searchServices,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints),
        }),
        permissions.factory,
        mockServices.rootLogger.factory({ level: 'warn' }),
        // The real scheduler: runs must actually start.
        schedulerServiceFactory,
      ],
    }));
  });
  afterAll(() => sandbox?.stop());

  const asUser = (req: request.Test) =>
    req.set('Authorization', mockCredentials.user.header());

  it('indexes every run of the history, page by page, with what people search for', async () => {
    const chaos = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .send({
          environment: 'staging',
          regions: ['westus'],
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
        }),
    );
    expect(chaos.status).toBe(201);
    const failover = await asUser(
      request(server).post('/api/nt-infra/failover-tests').send({
        environment: 'staging',
        fromRegion: 'eastus',
        rtoTargetSeconds: 240,
        rpoTargetSeconds: 45,
      }),
    );
    expect(failover.status).toBe(201);

    readers.length = 0;
    const logger = mockServices.logger.mock();
    // One run a page: the second run is only reached through the cursor.
    const documents = await collect<NtInfraRunDocument>(
      await new NtInfraRunCollatorFactory({
        reader,
        logger,
        pageSize: 1,
      }).getCollator(),
    );
    expect(logger.warn).not.toHaveBeenCalled();
    expect(documents.map(d => d.runId).sort()).toEqual(
      [chaos.body.id, failover.body.id].sort(),
    );
    // Read as the search plugin, never as a person.
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers)).toEqual(new Set(['service:plugin:search']));

    const chaosDoc = documents.find(d => d.runId === chaos.body.id)!;
    expect(chaosDoc).toMatchObject({
      title: chaos.body.title,
      location: `/nt-infra/history?run=${chaos.body.id}`,
      runKind: 'chaos',
      environment: 'staging',
      regions: ['westus'],
    });
    expect(chaosDoc.text).toContain('Chaos run in staging (westus)');
    expect(chaosDoc.text).toContain('ntai');

    const failoverDoc = documents.find(d => d.runId === failover.body.id)!;
    expect(failoverDoc).toMatchObject({
      location: `/nt-infra/history?run=${failover.body.id}`,
      runKind: 'failover',
    });
    expect(failoverDoc.text).toContain(
      'Failover test from eastus to westus in staging',
    );
    expect(failoverDoc.text).toMatch(/against a target of 240 s/);
    expect(failoverDoc.text).toMatch(/RPO .* against a target of 45 s/);
  });

  it('indexes the experiment library, each linking to the Chaos tab', async () => {
    const documents = await collect<NtInfraExperimentDocument>(
      await new NtInfraExperimentCollatorFactory(reader).getCollator(),
    );
    const library = await asUser(
      request(server).get('/api/nt-infra/experiments'),
    );
    expect(library.status).toBe(200);
    expect(library.body.items.length).toBeGreaterThan(0);
    expect(documents.map(d => d.experimentId)).toEqual(
      library.body.items.map((e: { id: string }) => e.id),
    );
    const first = library.body.items[0];
    expect(documents[0]).toMatchObject({
      title: first.title,
      location: `/nt-infra/chaos?experiment=${encodeURIComponent(first.id)}`,
      environment: first.environment,
    });
    expect(documents[0].text).toContain(first.description);
    expect(documents[0].text).toContain(first.expectedImpact);
  });

  it('fails the collation when nt-infra refuses the read, rather than indexing nothing', async () => {
    refuseReads = true;
    try {
      await expect(
        collect(
          await new NtInfraRunCollatorFactory({
            reader,
            logger: mockServices.logger.mock(),
          }).getCollator(),
        ),
      ).rejects.toThrow(/403|nt-infra.run.read/);
      await expect(
        collect(
          await new NtInfraExperimentCollatorFactory(reader).getCollator(),
        ),
      ).rejects.toThrow(/403|nt-infra.experiment.read/);
    } finally {
      refuseReads = false;
    }
  });
});
