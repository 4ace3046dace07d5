import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import {
  defaultTopologyPath,
  loadTopology,
  startTestSandbox,
  TestSandbox,
  waitFor,
} from '@internal/sandbox';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../plugin';
import { KubernetesClusterProvider } from '../providers/clusters/KubernetesClusterProvider';
import {
  whenWindowOpens,
  windowStart,
} from '../services/windows/__testUtils__/windowTiming';

jest.setTimeout(90_000);

/** Holds unless the region is far gone: lets a run proceed to its end. */
const lenientStop = {
  metric: 'ntai:availability:ratio_rate5m',
  op: '<',
  threshold: 0.5,
  for: '1m',
};

const burnStop = {
  metric: 'ntai:slo_burn_rate:5m',
  op: '>',
  threshold: 14.4,
  for: '0s',
};

function podFailure(mode: string, value?: number, stopConditions = [burnStop]) {
  return {
    type: 'pod-failure',
    workload: { namespace: 'ntai', name: 'ntai-api' },
    duration: '10m',
    mode,
    ...(value === undefined ? {} : { value }),
    stopConditions,
  };
}

describe('chaos runs against the sandbox world', () => {
  let sandbox: TestSandbox;
  let clusters: KubernetesClusterProvider;

  beforeAll(async () => {
    // Ten API pods, as at peak: a 10% production experiment can hit one.
    const topology = loadTopology(defaultTopologyPath());
    for (const w of topology.regions
      .flatMap(r => r.clusters)
      .flatMap(c => c.workloads)) {
      if (w.name === 'ntai-api') w.replicas = 10;
    }
    sandbox = await startTestSandbox({ speed: 20, topology });
    clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.control('/reset', { method: 'POST' }));

  async function startBackend(environment: 'staging' | 'production') {
    const { server } = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, { environment }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        // The real scheduler: the reconciler must actually tick.
        schedulerServiceFactory,
      ],
    });
    return server;
  }

  const asUser = (req: request.Test) =>
    req.set('Authorization', mockCredentials.user.header());

  async function runOf(server: unknown, id: string): Promise<RunDetail> {
    const res = await asUser(
      request(server as any).get(`/api/nt-infra/runs/${id}`),
    );
    return res.body;
  }

  it('previews exactly which pods a run would hit', async () => {
    const server = await startBackend('staging');
    const res = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos/preview')
        .send({
          environment: 'staging',
          regions: ['westus'],
          template: podFailure('fixed', 1),
        }),
    );
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(true);
    expect(res.body.blastRadius).toEqual([
      expect.objectContaining({
        region: 'westus',
        cluster: 'aks-ntai-production-westus',
        matching: 10,
        targets: [
          expect.objectContaining({
            namespace: 'ntai',
            name: expect.stringMatching(/^ntai-api-/),
          }),
        ],
      }),
    ]);
  });

  it('rolls back automatically on an SLO breach and records the delay', async () => {
    const server = await startBackend('staging');
    const started = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Idempotency-Key', 'rollback-1')
        .send({
          environment: 'staging',
          regions: ['westus'],
          template: podFailure('all'),
        }),
    );
    expect(started.status).toBe(201);
    const id = started.body.id;

    const run = await waitFor(async () => {
      const r = await runOf(server, id);
      return r.state === 'rolled-back' && r;
    }, 60_000);
    const outcome = run.outcome as any;
    expect(outcome.rollback.evidence[0]).toMatchObject({
      metric: 'ntai:slo_burn_rate:5m',
      region: 'westus',
    });
    expect(outcome.rollback.delayMs).toBeGreaterThanOrEqual(0);
    expect(outcome.rollback.delayMs).toBeLessThan(5000);
    expect(run.transitions.map(t => t.to)).toEqual([
      'approved',
      'running',
      'stopping',
      'rolled-back',
    ]);
    expect(
      await clusters.listManagedChaos('aks-ntai-production-westus'),
    ).toEqual([]);
  });

  it('makes one run of the same trigger sent twice', async () => {
    const server = await startBackend('staging');
    const send = () =>
      asUser(
        request(server)
          .post('/api/nt-infra/runs/chaos')
          .set('Idempotency-Key', 'same-1')
          .send({
            environment: 'staging',
            regions: ['eastus'],
            template: podFailure('fixed', 1, [lenientStop]),
          }),
      );
    const [first, second] = [await send(), await send()];
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const reuse = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Idempotency-Key', 'same-1')
        .send({
          environment: 'staging',
          regions: ['westus'],
          template: podFailure('fixed', 1, [lenientStop]),
        }),
    );
    expect(reuse.status).toBe(409);
    await asUser(
      request(server)
        .post(`/api/nt-infra/runs/${first.body.id}/stop`)
        .send({ reason: 'done' }),
    );
  });

  it('refuses a production run without an approved window, and audits it', async () => {
    const server = await startBackend('production');
    const res = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .send({
          environment: 'production',
          regions: ['westus'],
          experimentId: 'PodChaos/ntai/api-pod-failure-10pct',
        }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /no approved production chaos window/,
    );
    const audit = await asUser(request(server).get('/api/nt-infra/audit'));
    expect(audit.body.items[0]).toMatchObject({
      action: 'chaos.run.start',
      decision: 'denied',
    });
    const runs = await asUser(request(server).get('/api/nt-infra/runs'));
    expect(runs.body.items).toEqual([]);
  });

  it('halt-all ends an active run and removes its fault', async () => {
    const server = await startBackend('staging');
    const started = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .send({
          environment: 'staging',
          regions: ['eastus'],
          template: podFailure('fixed', 1, [lenientStop]),
        }),
    );
    await waitFor(
      async () => (await runOf(server, started.body.id)).state === 'running',
      30_000,
    );
    expect(
      await clusters.listManagedChaos('aks-ntai-production-eastus'),
    ).toHaveLength(1);

    await asUser(
      request(server).post('/api/nt-infra/halt').send({ reason: 'stop' }),
    );
    const run = await waitFor(async () => {
      const r = await runOf(server, started.body.id);
      return r.state === 'aborted' && r;
    }, 30_000);
    expect(run.transitions.map(t => t.to)).toContain('stopping');
    expect(
      await clusters.listManagedChaos('aks-ntai-production-eastus'),
    ).toEqual([]);

    const blocked = await asUser(
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .send({
          environment: 'staging',
          regions: ['eastus'],
          template: podFailure('fixed', 1, [lenientStop]),
        }),
    );
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/halt-all is engaged/);
    await asUser(
      request(server).post('/api/nt-infra/halt/release').send({ reason: 'ok' }),
    );
  });

  it('runs production chaos only inside a window approved by someone else', async () => {
    const server = await startBackend('production');
    const alice = mockCredentials.user.header('user:default/alice');
    const bob = mockCredentials.user.header('user:default/bob');
    const experimentId = 'PodChaos/ntai/api-pod-failure-10pct';
    const run = () =>
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Authorization', alice)
        .send({ environment: 'production', regions: ['westus'], experimentId });
    expect((await run()).status).toBe(409);

    const startsAt = windowStart();
    const requested = await request(server)
      .post('/api/nt-infra/windows')
      .set('Authorization', alice)
      .send({
        environment: 'production',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        reason: 'weekly production chaos',
        limits: {
          experiments: [experimentId],
          regions: ['westus'],
          maxFraction: 0.1,
          stopConditions: [burnStop],
        },
      });
    expect(requested.status).toBe(201);
    const windowId = requested.body.id;

    const ownApproval = await request(server)
      .post(`/api/nt-infra/windows/${windowId}/approve`)
      .set('Authorization', alice)
      .send({ comment: 'lgtm' });
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body.error.message).toMatch(/requester/);

    const approval = await request(server)
      .post(`/api/nt-infra/windows/${windowId}/approve`)
      .set('Authorization', bob)
      .send({ comment: 'lgtm' });
    expect(approval.status).toBe(200);

    const started = await whenWindowOpens(startsAt, run);
    expect(started.body.error?.message ?? '').toBe('');
    expect(started.status).toBe(201);
    expect(started.body.params.windowId).toBe(windowId);
    expect(started.body.params.plans[0]).toMatchObject({ matching: 10 });
    expect(started.body.params.plans[0].targets).toHaveLength(1);
    await request(server)
      .post(`/api/nt-infra/runs/${started.body.id}/stop`)
      .set('Authorization', alice)
      .send({ reason: 'test over' });
    await waitFor(async () => {
      const r = await runOf(server, started.body.id);
      return r.state === 'aborted';
    }, 30_000);
  });

  it('stops a production run and removes its fault when its window ends', async () => {
    const server = await startBackend('production');
    const alice = mockCredentials.user.header('user:default/alice');
    const bob = mockCredentials.user.header('user:default/bob');
    const experimentId = 'PodChaos/ntai/api-pod-failure-10pct';
    const startsAt = windowStart();
    // Long enough to start the run in on a busy machine; the experiment lasts 5 minutes.
    const endsAt = new Date(startsAt.getTime() + 30_000);
    const requested = await request(server)
      .post('/api/nt-infra/windows')
      .set('Authorization', alice)
      .send({
        environment: 'production',
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        reason: 'a short window',
        limits: {
          experiments: [experimentId],
          regions: ['westus'],
          maxFraction: 0.1,
          stopConditions: [lenientStop],
        },
      });
    expect(requested.status).toBe(201);
    const windowId = requested.body.id;
    const approval = await request(server)
      .post(`/api/nt-infra/windows/${windowId}/approve`)
      .set('Authorization', bob)
      .send({ comment: 'lgtm' });
    expect(approval.status).toBe(200);

    const started = await whenWindowOpens(startsAt, () =>
      request(server)
        .post('/api/nt-infra/runs/chaos')
        .set('Authorization', alice)
        .send({ environment: 'production', regions: ['westus'], experimentId }),
    );
    expect(started.body.error?.message ?? '').toBe('');
    expect(started.status).toBe(201);
    // The run carries its window's end, so every tick can hold it to it.
    expect(started.body.params).toMatchObject({
      windowId,
      windowEndsAt: endsAt.toISOString(),
    });
    const id = started.body.id;
    await waitFor(async () => (await runOf(server, id)).state === 'running');
    expect(
      await clusters.listManagedChaos('aks-ntai-production-westus'),
    ).toHaveLength(1);

    const run = await waitFor(async () => {
      const r = await runOf(server, id);
      return r.state === 'rolled-back' && r;
    }, 60_000);
    const reason = `production window ${windowId} ended at ${endsAt.toISOString()}`;
    expect(run.transitions.map(t => [t.to, t.reason])).toEqual([
      ['approved', `inside approved window ${windowId}`],
      [
        'running',
        expect.stringMatching(/^fault applied to 1 pod\(s\) in westus/),
      ],
      ['stopping', reason],
      ['rolled-back', `faults removed (${reason})`],
    ]);
    expect(Date.parse(run.transitions[2].at)).toBeGreaterThanOrEqual(
      endsAt.getTime(),
    );
    expect(
      await clusters.listManagedChaos('aks-ntai-production-westus'),
    ).toEqual([]);
  }, 150_000);

  it.each([
    [{ environment: 'staging', regions: [] }, "'regions'"],
    [{ environment: 'staging', regions: ['westus'] }, "'experimentId'"],
    [
      {
        environment: 'staging',
        regions: ['mars'],
        template: podFailure('all'),
      },
      "'regions'",
    ],
    [
      {
        environment: 'staging',
        regions: ['westus'],
        template: podFailure('fixed-percent', 150),
      },
      'value',
    ],
    [
      {
        environment: 'staging',
        regions: ['westus'],
        experimentId: 'PodChaos/ntai/nope',
      },
      "'experimentId'",
    ],
    [
      {
        environment: 'staging',
        regions: ['westus'],
        template: podFailure('all'),
        extra: 1,
      },
      "'extra'",
    ],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const server = await startBackend('staging');
    const res = await asUser(
      request(server).post('/api/nt-infra/runs/chaos').send(body),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });
});
