import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import {
  defaultTopologyPath,
  loadTopology,
  startTestSandbox,
  TestSandbox,
  waitFor,
} from '@internal/sandbox';
import { Server } from 'http';
import request from 'supertest';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';
import {
  FixtureRepo,
  reportFigures,
  startReliabilityBackend,
} from '../__testUtils__/reliabilityBackend';
import {
  whenWindowOpens,
  windowStart,
} from '../../services/windows/__testUtils__/windowTiming';

jest.setTimeout(180_000);

const EXPERIMENT = 'PodChaos/ntai/api-pod-failure-10pct';
/** API pods per region. The library experiment takes one pod (mode one): 1 of 25 is 4%, 1 of 9 is 11%. */
const REPLICAS: Record<string, number> = { westus: 25, eastus: 9 };

describe('blast radius end to end: the pods a production run actually hits', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let server: Server;
  let startsAt: Date;
  const figures: Record<string, number | string> = {};
  const alice = mockCredentials.user.header('user:default/alice');
  const bob = mockCredentials.user.header('user:default/bob');
  const post = (path: string, auth: string, body: unknown) =>
    request(server)
      .post(`/api/nt-infra${path}`)
      .set('Authorization', auth)
      .send(body as object);

  beforeAll(async () => {
    const topology = loadTopology(defaultTopologyPath());
    for (const region of topology.regions) {
      for (const w of region.clusters.flatMap(c => c.workloads)) {
        if (w.name === 'ntai-api' && REPLICAS[region.name] !== undefined) {
          w.replicas = REPLICAS[region.name];
        }
      }
    }
    sandbox = await startTestSandbox({ speed: 20, topology });
    repo = await createFixtureRepo();
    const backend = await startReliabilityBackend({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      repo,
      environment: 'production',
      reconcile: true,
    });
    server = backend.server as unknown as Server;

    // The library is read (kustomize builds) on first use; not on the window's clock.
    await request(server)
      .get('/api/nt-infra/experiments')
      .set('Authorization', alice);
    // A production window, approved by someone else, opening in a few seconds.
    startsAt = windowStart();
    const window = await post('/windows', alice, {
      environment: 'production',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      reason: 'blast radius end to end',
      limits: {
        experiments: [EXPERIMENT],
        regions: ['eastus', 'westus'],
        maxFraction: 0.1,
        stopConditions: [
          {
            metric: 'ntai:slo_burn_rate:5m',
            op: '>',
            threshold: 1000,
            for: '5m',
          },
        ],
      },
    });
    const approved = await post(`/windows/${window.body.id}/approve`, bob, {
      comment: 'ok',
    });
    // Setup, not the property under test: fail loudly if the window is not there.
    if (window.status !== 201 || approved.body.state !== 'approved') {
      throw new Error(
        `could not set up the production window: ${JSON.stringify(
          window.body,
        )} ${JSON.stringify(approved.body)}`,
      );
    }
  });
  afterAll(async () => {
    reportFigures('blast radius end to end', figures);
    await sandbox?.stop();
    await repo?.cleanup();
  });

  it('hits exactly the previewed 1 of 25 API pods in westus, never more than 10%', async () => {
    const started = await whenWindowOpens(startsAt, () =>
      post('/runs/chaos', alice, {
        environment: 'production',
        regions: ['westus'],
        experimentId: EXPERIMENT,
      }),
    );
    expect(started.body.error?.message ?? '').toBe('');
    expect(started.status).toBe(201);
    const previewed: string[] = started.body.params.plans[0].targets.map(
      (t: { name: string }) => t.name,
    );
    const chaos = await waitFor(async () => {
      const state = await sandbox.state();
      const entry = state.chaos.find(
        (c: { region: string; injectedPods: string[] }) =>
          c.region === 'westus' && c.injectedPods.length > 0,
      );
      return entry;
    }, 30_000);
    const hit: string[] = chaos.injectedPods.map((p: string) =>
      p.split('/').pop(),
    );
    figures['westus API pods'] = REPLICAS.westus;
    figures['westus pods hit'] = hit.length;
    expect(hit.sort()).toEqual([...previewed].sort());
    expect(hit.length).toBe(1);
    expect(hit.length).toBeLessThanOrEqual(0.1 * REPLICAS.westus);

    const stopped = await post(`/runs/${started.body.id}/stop`, alice, {
      reason: 'counted',
    });
    expect(stopped.status).toBe(200);
    await waitFor(async () => {
      const run: RunDetail = (
        await request(server)
          .get(`/api/nt-infra/runs/${started.body.id}`)
          .set('Authorization', alice)
      ).body;
      return run.state === 'aborted';
    }, 30_000);
    await waitFor(
      async () => (await sandbox.state()).chaos.length === 0,
      30_000,
    );
  });

  it('refuses the same experiment where one pod is more than 10% (9 in eastus)', async () => {
    const refused = await post('/runs/chaos', alice, {
      environment: 'production',
      regions: ['eastus'],
      experimentId: EXPERIMENT,
    });
    figures['eastus API pods'] = REPLICAS.eastus;
    figures['eastus answer'] = refused.status;
    expect(refused.status).toBe(409);
    expect((await sandbox.state()).chaos).toEqual([]);
  });
});
