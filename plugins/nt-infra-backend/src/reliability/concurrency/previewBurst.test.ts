import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { Server } from 'http';
import request from 'supertest';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';
import {
  FixtureRepo,
  reportFigures,
  startReliabilityBackend,
} from '../__testUtils__/reliabilityBackend';

jest.setTimeout(240_000);

/** README's target: breach visible → fault removed within 5 s. */
const TARGET_MS = 5_000;
const METRIC = 'ntai:slo_burn_rate:5m';
const THRESHOLD = 14.4;
const TERMINAL = ['completed', 'failed', 'aborted', 'rolled-back', 'rejected'];

const chaosPreview = {
  environment: 'staging',
  regions: ['westus'],
  template: {
    type: 'pod-failure',
    workload: { namespace: 'ntai', name: 'ntai-api' },
    duration: '1m',
    mode: 'one',
    stopConditions: [
      { metric: METRIC, op: '>', threshold: THRESHOLD, for: '0s' },
    ],
  },
};
// Each GitOps preview edits a checkout and builds its Kustomize overlays.
const changePreview = (n: number) => ({
  kind: 'scale-workload',
  params: {
    environment: 'staging',
    workload: 'ntai-worker',
    maxReplicas: 5 + (n % 8),
  },
  reason: 'preview burst',
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('previews: a budget per user, and no cost to stop conditions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let server: Server;
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
    const backend = await startReliabilityBackend({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      repo,
      environment: 'staging',
      reconcile: true,
      // The production tick (stop conditions evaluated once a second) and
      // the production preview budget.
      configure: ntInfra => {
        ntInfra.runs = { ...ntInfra.runs, tickSeconds: 1 };
        delete ntInfra.previews;
      },
    });
    server = backend.server as unknown as Server;
  });
  afterAll(async () => {
    reportFigures('preview burst', figures);
    await sandbox?.stop();
    await repo?.cleanup();
  });

  const post = (user: string, path: string, body: unknown, key?: string) => {
    let req = request(server)
      .post(`/api/nt-infra${path}`)
      .set('Authorization', mockCredentials.user.header(user));
    if (key) req = req.set('Idempotency-Key', key);
    return req.send(body as object);
  };

  it("refuses a user's eleventh preview in a minute with 429 and Retry-After, and only that user's", async () => {
    const alice = 'user:default/alice';
    for (let i = 0; i < 10; i++) {
      const res = await post(alice, '/runs/chaos/preview', chaosPreview);
      expect(res.status).toBe(200);
    }
    const refused = await post(alice, '/runs/chaos/preview', chaosPreview);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(
      /^Too many previews: at most 10 per 60 s per user; retry in \d+ s$/,
    );
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // One budget across both kinds of preview.
    const change = await post(
      alice,
      '/gitops/changes/preview',
      changePreview(0),
    );
    expect(change.status).toBe(429);
    // Bad input is still a 400 naming the field, not a use of the budget.
    const bad = await post(alice, '/runs/chaos/preview', {
      ...chaosPreview,
      regions: 'westus',
    });
    expect(bad.status).toBe(400);
    const bob = await post(
      'user:default/bob',
      '/runs/chaos/preview',
      chaosPreview,
    );
    expect(bob.status).toBe(200);
  });

  /** The burn rate of westus as Prometheus answers it now. */
  async function burnRate(): Promise<number | undefined> {
    const q = encodeURIComponent(METRIC);
    const res = await fetch(
      `${sandbox.endpoints.prometheus}/api/v1/query?query=${q}`,
    );
    const body = (await res.json()) as any;
    const series = (body?.data?.result ?? []).find((r: any) =>
      String(r.metric?.region ?? '').endsWith('westus'),
    );
    return series ? Number(series.value[1]) : undefined;
  }

  it('removes the fault within 5 s of the breach while 20 previews run', async () => {
    const { events: before } = await sandbox.control('/events');
    const since = before.length ? before[before.length - 1].seq : 0;
    const started = await post(
      'user:default/alice',
      '/runs/chaos',
      {
        environment: 'staging',
        regions: ['westus'],
        template: { ...chaosPreview.template, mode: 'all', duration: '10m' },
      },
      'preview-burst',
    );
    expect(started.status).toBe(201);

    // The burst: two engineers, ten previews each (their whole budget), at once.
    const finished: number[] = [];
    const burst = Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        post(
          `user:default/engineer-${n % 2}`,
          '/gitops/changes/preview',
          changePreview(n),
        ).then(res => {
          finished.push(Date.now());
          return res.status === 200 ? 200 : `${res.status} ${res.text}`;
        }),
      ),
    );

    let visibleAt: number | undefined;
    let run: RunDetail;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (visibleAt === undefined) {
        const v = await burnRate().catch(() => undefined);
        if (v !== undefined && v > THRESHOLD) visibleAt = Date.now();
      }
      run = (
        await request(server)
          .get(`/api/nt-infra/runs/${started.body.id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
      if (TERMINAL.includes(run.state)) break;
      if (Date.now() > deadline) throw new Error('the chaos run did not end');
      await sleep(visibleAt === undefined ? 25 : 200);
    }
    const statuses = await burst;

    const { events } = await sandbox.control(
      `/events?since=${since}&type=chaos`,
    );
    const deleted = events.find((e: any) => e.type === 'chaos.deleted');
    const removedAt = deleted ? Date.parse(deleted.wallTime) : undefined;
    const inFlightAtBreach =
      visibleAt === undefined ? 0 : finished.filter(t => t > visibleAt!).length;
    figures['previews in the burst'] = statuses.length;
    figures['previews answered 200'] = statuses.filter(s => s === 200).length;
    figures['previews still running when the breach became visible'] =
      inFlightAtBreach;
    figures['breach visible → fault removed (ms)'] =
      visibleAt !== undefined && removedAt !== undefined
        ? removedAt - visibleAt
        : 'not measured';
    figures['target (ms)'] = TARGET_MS;

    expect(statuses).toEqual(Array(20).fill(200));
    expect(run!.state).toBe('rolled-back');
    expect(visibleAt).toBeDefined();
    expect(removedAt).toBeDefined();
    // The burst must overlap the breach, or it proves nothing.
    expect(inFlightAtBreach).toBeGreaterThan(0);
    expect(removedAt! - visibleAt!).toBeLessThanOrEqual(TARGET_MS);
  });
});
