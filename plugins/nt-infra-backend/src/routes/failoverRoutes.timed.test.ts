import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FAILOVER_TEST_EXPERIMENT,
  RunDetail,
} from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { Knex } from 'knex';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../plugin';
import { KubernetesClusterProvider } from '../providers/clusters/KubernetesClusterProvider';
import { AzureTrafficProvider } from '../providers/traffic/AzureTrafficProvider';
import {
  ClockAnchor,
  FailoverMeasurement,
  FailoverSample,
} from '../services/failover';
import { FailoverTestView } from '../services/failoverRuns';
import {
  whenWindowOpens,
  windowStart,
} from '../services/windows/__testUtils__/windowTiming';

jest.setTimeout(90_000);

/** World seconds per wall second. */
// 10×: one world second is 100 ms of wall time, a margin a busy 2-core CI machine keeps.
const SPEED = 10;
/** 0.05 s wall = 1 s world between samples. */
const TICK_SECONDS = 0.05;
/** The backend's clock: 1 s wall is 20 s of world time. */
const HOLD_DOWN_SECONDS = 1;
/** Backend (wall) seconds a test observes at most before it ends without a recovery. */
const MAX_OBSERVATION_SECONDS = 60;

const PROFILE = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg-ntai-production-global',
  profileName: 'tm-ntai-production',
  resourceId: '',
};

/** How far a measured moment (backend clock) is from the world's, in world milliseconds. */
function worldError(measuredIso: string, truthWallIso: string): number {
  return (Date.parse(measuredIso) - Date.parse(truthWallIso)) * SPEED;
}

/**
 * How far (world ms) a moment first seen in a run's samples may be from the
 * world's record of it: it happened after the previous sample began (or
 * the cut) and before this one's read ended. About a tick on an idle machine; a loaded
 * one stretches the gap, and the gap the run actually had is the budget.
 */
function sampledWithinWorldMs(
  samples: FailoverSample[],
  after: string,
  observer: 'trafficManager' | 'dns',
  seen: (s: FailoverSample) => boolean,
): number {
  const i = samples.findIndex(s => s.at >= after && seen(s));
  // The run samples from its cut on: the first sample's gap is from the cut.
  const previous = i > 0 ? samples[i - 1].at : after;
  const gapMs = Date.parse(samples[i].at) - Date.parse(previous);
  return (gapMs + samples[i][observer].latencyMs) * SPEED;
}

const primaryIs =
  (...statuses: string[]) =>
  (s: FailoverSample) =>
    s.trafficManager.ok &&
    statuses.includes(s.trafficManager.primary?.monitorStatus ?? '');
const dnsAnswers = (role: string) => (s: FailoverSample) =>
  s.dns.ok && s.dns.answers === role;

describe('failover tests against the sandbox world', () => {
  let sandbox: TestSandbox;
  let traffic: AzureTrafficProvider;
  let clusters: KubernetesClusterProvider;
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  // Faults are added per test; everything else reaches the sandbox untouched.
  const msw = setupServer();

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    sandbox = await startTestSandbox({ speed: SPEED });
    traffic = AzureTrafficProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
    clusters = KubernetesClusterProvider.fromConfig(
      new ConfigReader(sandboxConfig(sandbox.endpoints)),
      { logger: mockServices.logger.mock() },
    );
    PROFILE.subscriptionId = sandbox.endpoints.arm.subscriptionId;
  });
  afterEach(() => msw.resetHandlers());
  afterAll(async () => {
    msw.close();
    await sandbox.stop();
  });
  beforeEach(async () => {
    await sandbox.control('/reset', { method: 'POST' });
    await waitFor(async () =>
      (
        await traffic.getProfile(PROFILE)
      ).endpoints.every(e => e.endpointMonitorStatus === 'Online'),
    );
    // A reset world has no metrics yet: the RPO (read at the cut) needs the
    // replication-lag rule's first evaluation, or the test is inconclusive.
    await waitFor(async () => {
      const res = await fetch(
        `${sandbox.endpoints.prometheus}/api/v1/query?${new URLSearchParams({
          query: 'ntai:db_replication_lag_seconds:max{region="westus"}',
        })}`,
      );
      return ((await res.json()) as any).data.result.length > 0;
    });
  });

  // A test that fails leaves its backend driving a run against the shared
  // world; stopped here, it cannot disable endpoints under the next test.
  const backends: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
  });

  const primaryStatus = async () =>
    (await traffic.getProfile(PROFILE)).endpoints.find(e => e.name === 'eastus')
      ?.endpointStatus;

  async function startBackend(
    knex?: Knex,
    productionRequiresWindow = false,
    serviceAccess: Array<{ subject: string; environments: string[] }> = [],
    probeTimeoutMs = 250,
  ) {
    const config = sandboxConfig(sandbox.endpoints, {
      runs: { tickSeconds: TICK_SECONDS, leaseSeconds: 1 },
      failover: {
        holdDownSeconds: HOLD_DOWN_SECONDS,
        probeTimeoutMs,
        maxObservationSeconds: MAX_OBSERVATION_SECONDS,
        productionRequiresWindow,
      },
    });
    const backend = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({
          data: { ...config, ntInfra: { ...config.ntInfra, serviceAccess } },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        // The real scheduler: the reconciler must actually tick.
        schedulerServiceFactory,
        ...(knex ? [mockServices.database.factory({ knex })] : []),
      ],
    });
    backends.push(backend);
    return backend;
  }

  const asUser = (req: request.Test) =>
    req.set('Authorization', mockCredentials.user.header());
  const start = (server: unknown, body: object, key?: string) => {
    const req = request(server as any).post('/api/nt-infra/failover-tests');
    return asUser(key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const view = async (server: unknown, id: string): Promise<FailoverTestView> =>
    (
      await asUser(
        request(server as any).get(`/api/nt-infra/failover-tests/${id}`),
      )
    ).body;
  const runOf = async (server: unknown, id: string): Promise<RunDetail> =>
    (await asUser(request(server as any).get(`/api/nt-infra/runs/${id}`))).body;
  const whatTheRunSaw = (v: FailoverTestView) => {
    const points = v.traffic?.points ?? [];
    const last = points
      .slice(-4)
      .map(
        p =>
          `${p.endSeconds.toFixed(1)} s: primary ${p.primaryShare?.toFixed(2)}`,
      );
    return `DNS switch ${v.measurements.dnsSwitchSeconds ?? '—'} s; ${
      points.length
    } traffic points${
      v.traffic?.error ? ` (${v.traffic.error})` : ''
    } ${last.join(', ')}${
      v.holdDown
        ? `; hold-down: ${
            v.holdDown.reason ?? `healthy since ${v.holdDown.healthySince}`
          }`
        : ''
    }`;
  };
  const until = (server: unknown, id: string, states: string[], ms = 30_000) =>
    waitFor(async () => {
      const v = await view(server, id);
      if (states.includes(v.state)) return v;
      // Thrown so that a timeout says where the run was left, and what the
      // users' counters and the hold-down showed of it.
      throw new Error(
        `run ${id} is ${v.state}: ${v.reason ?? ''}; ${whatTheRunSaw(v)}`,
      );
    }, ms);
  const body = { environment: 'production', fromRegion: 'eastus' };
  const allOnline = () =>
    waitFor(
      async () =>
        (await traffic.getProfile(PROFILE)).endpoints.every(
          e => e.endpointMonitorStatus === 'Online',
        ),
      30_000,
    );
  /**
   * Starts a test in a world whose regions are all up. The sandbox's Traffic
   * Manager probes time out after 5 s of world time, 0.5 s of wall time at
   * 10×: on a loaded machine an event-loop stall marks a healthy endpoint
   * Degraded for a probe interval, and the service then rightly refuses. Only
   * that refusal is asked again, once the endpoints are probed Online, within
   * a deadline; any other answer is returned as it is.
   */
  const startHealthy = async (server: unknown, input: object, key?: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await start(server, input, key);
      const flapped =
        res.status === 409 &&
        /secondary '\w+' is \w+, not Enabled and Online/.test(
          res.body.error?.message ?? '',
        );
      if (!flapped || Date.now() > deadline) return res;
      await allOnline();
    }
  };

  it('measures a disable-endpoint failover end to end against the ground truth, idempotently and one at a time', async () => {
    const backend = await startBackend();
    const { server } = backend;
    const first = await startHealthy(server, body, 'ft-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'approved',
      method: 'disable-endpoint',
    });
    const id = first.body.id;
    const again = await start(server, body, 'ft-1');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    const second = await start(server, body, 'ft-2');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already active in production/);

    const done = await until(server, id, ['completed', 'failed', 'aborted']);
    // The reason says which target was missed, should one be.
    expect(`${done.state}: ${done.reason}`).toMatch(/^completed: /);
    expect(await primaryStatus()).toBe('Enabled');
    // A planned drain: no RTO verdict; the users moved and none of their requests failed.
    expect(done.verdicts).toMatchObject({
      rto: 'not-applicable',
      drain: 'passed',
      rpo: 'passed',
      overall: 'passed',
    });
    expect(done.measurements.rtoSeconds).toBeUndefined();
    expect(done.measurements.drain).toMatchObject({
      source: 'traffic',
      failedRequests: 0,
    });
    // The users moved by switch + TTL (60 s world), as their caches expired.
    const moved = done.measurements.drain!.movedSeconds! * SPEED;
    expect(moved).toBeGreaterThan(60 - 15);
    expect(moved).toBeLessThanOrEqual(
      done.measurements.drain!.upperBoundSeconds! * SPEED + 0.001,
    );
    expect(done.traffic?.points.length).toBeGreaterThan(4);
    // The ground truth agrees: not one synthetic client failed a request.
    const { profiles } = await sandbox.control(
      `/clients?since=${Date.parse(
        (
          await sandbox.control('/events?type=tm.endpoint-status')
        ).events.find(
          (e: any) => e.data.endpoint === 'eastus' && e.data.to === 'Disabled',
        ).worldTime,
      )}`,
    );
    expect(
      profiles.find((p: any) => p.profile === PROFILE.profileName).outages,
    ).toMatchObject({ affected: 0 });
    expect(done.marks?.map(k => k.kind)).toEqual(
      expect.arrayContaining([
        'cut',
        'detection',
        'dns-switch',
        'ttl-expiry',
        'users-moved',
      ]),
    );
    expect(done.expected).toMatchObject({ detectionWithinSeconds: 0 });
    expect(done.samples.count).toBeGreaterThan(10);

    // Absolute moments from the stored measurement against the world's record.
    const m = (await runOf(server, id)).outcome!
      .measurement as FailoverMeasurement;
    const { events } = await sandbox.control('/events?type=tm.endpoint-status');
    const truthDetection = events.find(
      (e: any) =>
        e.data.endpoint === 'eastus' &&
        e.data.to === 'Disabled' &&
        e.wallTime >= m.cutAt,
    ).wallTime;
    const { trafficManager } = await sandbox.state();
    const switchTo = (to: string, after: string) =>
      trafficManager[0].switches.find(
        (s: any) => s.to === to && s.wallTime >= after,
      ).wallTime;
    const detectionError = worldError(m.detection!.at, truthDetection);
    const switchError = worldError(
      m.dnsSwitch!.at,
      switchTo('westus', m.cutAt),
    );
    const restoreAt = m.failback!.restoreAt;
    const failbackError = worldError(
      m.failback!.dnsAnswersPrimary!.at,
      switchTo('eastus', restoreAt),
    );
    // eslint-disable-next-line no-console
    console.log(
      `failover run: detection ${detectionError} ms, DNS switch ${switchError} ms, DNS back ${failbackError} ms (world, measured − truth); users moved by ${moved} s world`,
    );
    // The product's ±1 s, or what a loaded machine's samples could resolve.
    const { samples } = (await runOf(server, id)).outcome as {
      samples: FailoverSample[];
    };
    expect(Math.abs(detectionError)).toBeLessThanOrEqual(
      Math.max(
        1000,
        sampledWithinWorldMs(
          samples,
          m.cutAt,
          'trafficManager',
          primaryIs('Disabled'),
        ),
      ),
    );
    expect(Math.abs(switchError)).toBeLessThanOrEqual(
      Math.max(
        1000,
        sampledWithinWorldMs(samples, m.cutAt, 'dns', dnsAnswers('secondary')),
      ),
    );
    // Failback is sampled after the hold-down's restore call, one tick later
    // than the cut side; the ±1 s target is about detection, DNS and RTO.
    expect(Math.abs(failbackError)).toBeLessThanOrEqual(
      Math.max(
        2000,
        sampledWithinWorldMs(samples, restoreAt, 'dns', dnsAnswers('primary')),
      ),
    );
    // Given back only after the hold-down, and measured until users were back.
    expect(
      (Date.parse(restoreAt) - Date.parse(m.cutAt)) / 1000,
    ).toBeGreaterThanOrEqual(HOLD_DOWN_SECONDS);
    expect(m.failback!.primaryHealthyForSeconds).toBeGreaterThanOrEqual(
      HOLD_DOWN_SECONDS,
    );
    expect(m.failback!.sustained).toBeDefined();
    expect(done.measurements.failback?.sustainedSeconds).toBeDefined();
    expect((await runOf(server, id)).transitions.map(t => t.to)).toEqual([
      'approved',
      'starting',
      'running',
      'stopping',
      'completed',
    ]);

    const audit = await asUser(request(server).get('/api/nt-infra/audit'));
    expect(
      audit.body.items
        .filter((e: any) => e.action === 'failover.run.start')
        .map((e: any) => e.decision),
    ).toEqual(['denied', 'allowed']);
    await backend.stop();
  });

  it("reads the RPO from Prometheus' history at the cut when Prometheus did not give it then", async () => {
    // Every read of the lag at "now" fails (503, through the retries); a read
    // at a given moment of Prometheus' clock is answered by the world.
    const lagQuery = 'ntai:db_replication_lag_seconds:max{region="westus"}';
    let refusedAtCut = 0;
    msw.use(
      http.post(`${sandbox.endpoints.prometheus}/api/v1/query`, async r => {
        const form = new URLSearchParams(await r.request.clone().text());
        if (form.get('query') !== lagQuery || form.has('time')) {
          return passthrough();
        }
        refusedAtCut++;
        return new HttpResponse('overloaded', { status: 503 });
      }),
    );
    const backend = await startBackend();
    const started = await startHealthy(backend.server, body);
    expect(started.status).toBe(201);
    const done = await until(backend.server, started.body.id, [
      'completed',
      'failed',
      'aborted',
    ]);
    expect(refusedAtCut).toBeGreaterThan(0);
    expect(done.verdicts?.rpo).toBe('passed');
    expect(done.measurements.rpoSeconds).toBeGreaterThanOrEqual(0);
    // The lag at the cut, not at the later moment it was read: the cut
    // placed on Prometheus' clock from the anchor read just before it (the
    // world runs at SPEED), within the anchor's own uncertainty.
    const { outcome } = await runOf(backend.server, started.body.id);
    const m = outcome!.measurement as FailoverMeasurement;
    const anchor = outcome!.cutAnchor as ClockAnchor;
    const cutOnPrometheus =
      anchor.prometheusMs +
      (Date.parse(m.cutAt) - Date.parse(anchor.backendAt)) * SPEED;
    expect(
      Math.abs(Date.parse(m.rpo!.timestamp) - cutOnPrometheus),
    ).toBeLessThanOrEqual(1000 + (anchor.uncertaintyMs ?? 0) * SPEED);
    await backend.stop();
  });

  it.each([
    [{ ...body, fromRegion: 'westus' }, "'fromRegion'"],
    [{ ...body, method: 'dns' }, "'method'"],
    [{ ...body, holdDownSeconds: -1 }, "'holdDownSeconds'"],
    [{ ...body, extra: 1 }, "'extra'"],
    [{ fromRegion: 'eastus' }, "'environment'"],
  ])('answers 400 naming the field for %j', async (input, field) => {
    const backend = await startBackend();
    const res = await start(backend.server, input);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    await backend.stop();
  });

  it('halt-all during a test gives the primary back at once and aborts the run; so does an abort', async () => {
    const backend = await startBackend();
    const { server } = backend;
    // A long hold-down: only the halt can end this test early. The hold-down
    // begins once the users have moved, or once the observation has lasted
    // its longest when a loaded machine keeps the counters from showing it.
    const toHoldDown = (MAX_OBSERVATION_SECONDS + 15) * 1000;
    const first = await startHealthy(server, { ...body, holdDownSeconds: 600 });
    await until(server, first.body.id, ['stopping'], toHoldDown);
    expect(await primaryStatus()).toBe('Disabled');
    await asUser(
      request(server).post('/api/nt-infra/halt').send({ reason: 'stop' }),
    );
    const halted = await until(server, first.body.id, [
      'aborted',
      'completed',
      'failed',
    ]);
    expect(halted.state).toBe('aborted');
    expect(await primaryStatus()).toBe('Enabled');
    const refused = await start(server, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/halt-all is engaged/);
    await asUser(
      request(server).post('/api/nt-infra/halt/release').send({ reason: 'ok' }),
    );

    await waitFor(async () =>
      (
        await traffic.getProfile(PROFILE)
      ).endpoints.every(e => e.endpointMonitorStatus === 'Online'),
    );
    const second = await startHealthy(server, {
      ...body,
      holdDownSeconds: 600,
    });
    expect(second.status).toBe(201);
    await until(server, second.body.id, ['stopping'], toHoldDown);
    const aborted = await asUser(
      request(server)
        .post(`/api/nt-infra/failover-tests/${second.body.id}/abort`)
        .send({ reason: 'enough' }),
    );
    expect(aborted.status).toBe(200);
    const ended = await until(server, second.body.id, [
      'aborted',
      'completed',
      'failed',
    ]);
    expect(ended).toMatchObject({
      state: 'aborted',
      abort: { by: 'user:default/mock' },
    });
    expect(ended.measurements.resolverServedSeconds).toBeDefined();
    expect(await primaryStatus()).toBe('Enabled');
    await backend.stop();
  }, 300_000);

  it('the unhealthy method fails the primary pods so the probes of Traffic Manager fail it over, then removes the fault', async () => {
    const backend = await startBackend();
    const { server } = backend;
    const started = await startHealthy(server, {
      ...body,
      method: 'unhealthy',
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const running = await until(server, id, ['running', 'stopping']);
    const [fault] = await clusters.listManagedChaos(
      'aks-ntai-production-eastus',
      id,
    );
    expect(fault).toMatchObject({
      kind: 'PodChaos',
      spec: { action: 'pod-failure', mode: 'all' },
    });
    expect(running.cut?.method).toBe('unhealthy');
    // Users are back by switch + TTL, known once the counters show sustained
    // good intervals (15 s scrapes), then the failback: about 150 s of world
    // time, 15 s here, with room for a loaded machine.
    const done = await until(
      server,
      id,
      ['completed', 'failed', 'aborted'],
      60_000,
    );
    // The reason says which target was missed, should one be.
    expect(`${done.state}: ${done.reason}`).toMatch(/^completed: /);
    expect(
      await clusters.listManagedChaos('aks-ntai-production-eastus'),
    ).toEqual([]);
    // The endpoint was never disabled: Traffic Manager's probes did it all.
    expect(await primaryStatus()).toBe('Enabled');
    const m = (await runOf(server, id)).outcome!
      .measurement as FailoverMeasurement;
    const { events } = await sandbox.control('/events?type=tm.endpoint-status');
    const truth = events.find(
      (e: any) =>
        e.data.endpoint === 'eastus' &&
        e.data.to === 'Degraded' &&
        e.wallTime >= m.cutAt,
    ).wallTime;
    const detectionError = worldError(m.detection!.at, truth);
    // The headline RTO is the users': from their request counters, between
    // the DNS switch and switch + TTL, and within 5 s (world) of the worst
    // outage the sandbox's synthetic clients lived through.
    const injected = (
      await sandbox.control('/events?type=chaos.injected')
    ).events.find((e: any) => e.wallTime >= m.cutAt);
    const { profiles } = await sandbox.control(
      `/clients?since=${Date.parse(injected.worldTime) - 2000}`,
    );
    // The RTO runs from the portal's cut; no client is down before the fault
    // reaches the pods, an API round trip later (seconds of world time at
    // 10× on a loaded machine, milliseconds in production).
    const cutToFaultWorld =
      ((Date.parse(injected.wallTime) - Date.parse(m.cutAt)) * SPEED) / 1000;
    const clients = profiles.find(
      (p: any) => p.profile === PROFILE.profileName,
    );
    expect(clients.outages).toMatchObject({ ongoing: 0 });
    expect(done.measurements.rto).toMatchObject({ source: 'traffic' });
    const rto = done.measurements.rto!;
    const rtoWorld = rto.seconds * SPEED;
    // Bounded by what the portal saw itself: not before detection + DNS
    // switch, not after switch + TTL (60 s world).
    expect(rto.lowerBoundSeconds).toBeCloseTo(
      done.measurements.dnsSwitchSeconds!,
      2,
    );
    // Traffic Manager answers with the secondary once it marks the primary
    // Degraded. Both observers are read together and each change is placed
    // at the midpoint of its own read, so the resolver's quicker read may
    // place the switch before the detection: by no more than the detection
    // sample's gap and ARM read (a tick on an idle machine).
    const { samples } = (await runOf(server, id)).outcome as {
      samples: FailoverSample[];
    };
    const detectionResolutionSeconds =
      sampledWithinWorldMs(
        samples,
        m.cutAt,
        'trafficManager',
        primaryIs('Degraded', 'Stopped'),
      ) /
      SPEED /
      1000;
    expect(done.measurements.dnsSwitchSeconds!).toBeGreaterThanOrEqual(
      done.measurements.detectionSeconds! -
        Math.max(TICK_SECONDS, detectionResolutionSeconds),
    );
    expect(
      (rto.upperBoundSeconds! - rto.lowerBoundSeconds!) * SPEED,
    ).toBeCloseTo(60, 0);
    expect(rto.seconds).toBeGreaterThanOrEqual(rto.lowerBoundSeconds!);
    expect(rto.seconds).toBeLessThanOrEqual(rto.upperBoundSeconds!);
    // eslint-disable-next-line no-console
    console.log(
      `unhealthy run: RTO ${rtoWorld} s world from ${rto.source} (resolution ${
        rto.resolutionSeconds! * SPEED
      } s), clients' outage p50 ${clients.outages.p50Seconds} s, max ${
        clients.outages.maxSeconds
      } s, cut → fault ${cutToFaultWorld} s; resolver served at ${
        done.measurements.resolverServedSeconds! * SPEED
      } s`,
    );
    expect(
      Math.abs(rtoWorld - (clients.outages.maxSeconds + cutToFaultWorld)),
    ).toBeLessThanOrEqual(5);
    // eslint-disable-next-line no-console
    console.log(
      `unhealthy run: detected ${
        m.detection!.seconds * SPEED
      } s (world) after the cut (expected within ${
        m.expected.detectionWithinSeconds
      } s), error ${detectionError} ms (world)`,
    );
    // A probe failure is seen by the next tick's sample: up to one tick
    // (≈ 1 s world) late plus the tick's own work. The ±1 s bound is the
    // disable-endpoint test's, where the first sample follows the cut at once.
    // A loaded machine stretches the ticks: the gap the samples around the
    // detection actually had, plus its read, bounds the error as well.
    expect(Math.abs(detectionError)).toBeLessThanOrEqual(
      Math.max(
        2000,
        sampledWithinWorldMs(
          samples,
          m.cutAt,
          'trafficManager',
          primaryIs('Degraded', 'Stopped'),
        ),
      ),
    );
    expect(m.failback?.sustained).toBeDefined();
    await backend.stop();
  });

  it('refuses to start while the secondary could not take the users, and audits it', async () => {
    const backend = await startBackend();
    await sandbox.control('/regions/westus/down', { method: 'POST' });
    await waitFor(async () =>
      (
        await traffic.getProfile(PROFILE)
      ).endpoints.some(
        e => e.name === 'westus' && e.endpointMonitorStatus === 'Degraded',
      ),
    );
    const res = await start(backend.server, body);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/secondary 'westus' is Degraded/);
    const audit = await asUser(
      request(backend.server).get('/api/nt-infra/audit'),
    );
    expect(audit.body.items[0]).toMatchObject({
      action: 'failover.run.start',
      decision: 'denied',
    });
    await backend.stop();
  });

  it("limits each environment's external access token to its environment on the server", async () => {
    const backend = await startBackend(undefined, true, [
      { subject: 'failover-test-workflow-staging', environments: ['staging'] },
      {
        subject: 'failover-test-workflow-production',
        environments: ['production'],
      },
    ]);
    const { server } = backend;
    const startAs = (subject: string) =>
      request(server)
        .post('/api/nt-infra/failover-tests')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service(subject),
            targetPluginId: 'nt-infra',
          }),
        )
        .send(body);

    const staging = await startAs('failover-test-workflow-staging');
    expect(staging.status).toBe(403);
    expect(staging.body.error.message).toBe(
      'Not allowed: nt-infra.failover.run in production',
    );
    const unlisted = await startAs('some-other-token');
    expect(unlisted.status).toBe(403);

    // Its own environment's token passes, to the environment's own rule.
    const production = await startAs('failover-test-workflow-production');
    expect(production.status).toBe(409);
    expect(production.body.error.message).toMatch(
      /no approved production window/,
    );

    const audit = await asUser(request(server).get('/api/nt-infra/audit'));
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'service:failover-test-workflow-staging',
          action: 'nt-infra.failover.run',
          decision: 'denied',
          reason:
            'service failover-test-workflow-staging may not act in environment production (ntInfra.serviceAccess)',
        }),
      ]),
    );
    await backend.stop();
  });

  it('in production, needs an approved window that lists failover tests and the primary region', async () => {
    const backend = await startBackend(undefined, true);
    const { server } = backend;
    const refused = await start(server, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /no approved production window covers a failover test of eastus now/,
    );

    // Time enough to request and decide it on a busy machine: a begun window can no longer be decided.
    const startsAt = windowStart();
    const requested = await asUser(
      request(server).post('/api/nt-infra/windows'),
    ).send({
      environment: 'production',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      reason: 'monthly GameDay: East US out',
      limits: {
        experiments: [FAILOVER_TEST_EXPERIMENT],
        regions: ['eastus'],
        maxFraction: 0.1,
        stopConditions: [
          {
            metric: 'ntai:availability:ratio_rate5m',
            op: '<',
            threshold: 0.9,
            for: '1m',
          },
        ],
      },
    });
    expect(requested.body).toMatchObject({ state: 'requested' });
    const approved = await request(server)
      .post(`/api/nt-infra/windows/${requested.body.id}/approve`)
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/approver'),
      )
      .send({ comment: 'go' });
    expect(approved.body).toMatchObject({ state: 'approved' });
    // Approved but not begun yet: still refused.
    expect((await start(server, body)).status).toBe(409);

    const started = await whenWindowOpens(startsAt, () =>
      startHealthy(server, { ...body, holdDownSeconds: 600 }),
    );
    expect(started.body.error?.message ?? '').toBe('');
    expect(started.status).toBe(201);
    const audit = await asUser(request(server).get('/api/nt-infra/audit'));
    expect(
      audit.body.items.find(
        (e: { action: string; decision: string }) =>
          e.action === 'failover.run.start' && e.decision === 'allowed',
      ).reason,
    ).toContain(`inside approved window ${requested.body.id}`);
    await asUser(
      request(server)
        .post(`/api/nt-infra/failover-tests/${started.body.id}/abort`)
        .send({ reason: 'rule checked' }),
    );
    await until(server, started.body.id, ['aborted', 'completed', 'failed']);
    expect(await primaryStatus()).toBe('Enabled');
    await backend.stop();
  });

  it('a restarted backend resumes the test from the database and gives the primary back', async () => {
    const knex = await databases.init('SQLITE_3');
    // The run keeps the probe timeout it was requested with. Here the probes
    // only keep the hold-down, which any failed probe restarts: 250 ms, a
    // stall of the loaded test process, kept restarting it past a minute.
    const first = await startBackend(knex, false, [], 2000);
    // The hold-down counts from the cut (a drained primary stays healthy).
    // The crash lands just after the cut, not once the drain is over: a
    // loaded machine stretches the drain (and the backend's shutdown, during
    // which it still ticks) past any hold-down short enough for a test.
    const started = await startHealthy(first.server, {
      ...body,
      holdDownSeconds: 20,
    });
    const id = started.body.id;
    await until(first.server, id, ['running', 'stopping']);
    await first.stop();
    // Crashed mid-test: the primary is still out, nobody is driving the run.
    expect(await primaryStatus()).toBe('Disabled');
    const stored = await knex('runs').where({ id }).first();
    expect(['running', 'stopping']).toContain(stored.state);

    const second = await startBackend(knex);
    const done = await until(
      second.server,
      id,
      ['completed', 'failed', 'aborted'],
      60_000,
    );
    // The reason says which target was missed, should one be.
    expect(`${done.state}: ${done.reason}`).toMatch(/^completed: /);
    expect(done.verdicts?.drain).toBe('passed');
    expect(
      done.measurements.failback?.primaryHealthyForSeconds,
    ).toBeGreaterThanOrEqual(20);
    expect(await primaryStatus()).toBe('Enabled');
    await second.stop();
  });
});
