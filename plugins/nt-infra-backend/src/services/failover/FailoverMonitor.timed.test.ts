import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  EventLoopLag,
  startTestSandbox,
  TestSandbox,
  waitFor,
} from '@internal/sandbox';
import { ResolverDnsProvider } from '../../providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from '../../providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from '../../providers/traffic/AzureTrafficProvider';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { readEnvironments } from '../EnvironmentCatalog/readEnvironments';
import { cutPrimary } from './cutPrimary';
import { FailoverMonitor } from './FailoverMonitor';
import { measureFailover } from './measureFailover';
import { primaryHealth } from './holdDown';
import { failoverTargetOf, failoverTimingOf } from './profileView';
import { restorePrimary } from './restorePrimary';
import { FailoverSample, FailoverTarget } from './types';

// One world per file; booting it and the fast-clock waits need more than 5 s.
jest.setTimeout(30_000);

/** World seconds per wall second: Traffic Manager's 10 s probe interval is 0.5 s here. */
// 10×: one world second is 100 ms of wall time, a margin a busy 2-core CI machine keeps.
const SPEED = 10;
/** Start a sample at least this often (wall): 0.4 s of world time. */
const SAMPLE_EVERY_MS = 20;
/** The monitor knows nothing of the world's speed: its seconds are wall seconds. */
const HOLD_DOWN_SECONDS = 1; // 10 s of world time

/** Samplers not stopped yet. */
const running = new Set<{ stop(): Promise<void> }>();

/**
 * Starts a sample every SAMPLE_EVERY_MS whether or not the previous one has
 * answered: the sandbox serves from this very process, so one slow answer
 * (say while the test itself talks to ARM) must not stretch the interval.
 */
function startSampling(monitor: FailoverMonitor) {
  const samples: FailoverSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const state = { slowestMs: 0 };
  const timer = setInterval(() => {
    const started = Date.now();
    const p = monitor.sample(new Date()).then(s => {
      samples.push(s);
      state.slowestMs = Math.max(state.slowestMs, Date.now() - started);
      inFlight.delete(p);
    });
    inFlight.add(p);
  }, SAMPLE_EVERY_MS);
  const sampling = {
    samples,
    /** The slowest sample so far (wall ms): how coarse the timeline is. */
    slowestMs: () => state.slowestMs,
    async stop() {
      clearInterval(timer);
      running.delete(sampling);
      await Promise.all(inFlight);
    },
  };
  running.add(sampling);
  return sampling;
}

/** How far a measured wall-clock moment is from the sandbox's, in world milliseconds. */
function worldError(measuredIso: string, truthWallIso: string): number {
  return (Date.parse(measuredIso) - Date.parse(truthWallIso)) * SPEED;
}

/**
 * How far off (world ms) a moment read from the samples may be: the product's
 * promise of 1 s, or, when this machine is too busy to sample that finely,
 * what the samples could resolve (their interval, the slowest sample and how
 * late the event loop ran, all in world time).
 */
function tolerance(
  lag: EventLoopLag,
  sampling: ReturnType<typeof startSampling>,
) {
  return Math.max(
    1000,
    lag.worldTolerance(SPEED, SAMPLE_EVERY_MS + sampling.slowestMs()),
  );
}

describe('failover measured against the sandbox world', () => {
  let sandbox: TestSandbox;
  let monitor: FailoverMonitor;
  let traffic: AzureTrafficProvider;
  let target: FailoverTarget;
  let loopLag: EventLoopLag;

  /** Ground truth: when the sandbox changed an endpoint's monitor status (wall time). */
  const statusChange = async (endpoint: string, to: string, after: string) => {
    const { events } = await sandbox.control('/events?type=tm.endpoint-status');
    return events.find(
      (e: any) =>
        e.data.endpoint === endpoint && e.data.to === to && e.wallTime >= after,
    )?.wallTime as string | undefined;
  };
  /** Ground truth: the DNS switch to `to` after `after` (wall time). */
  const dnsSwitch = async (to: string, after: string) => {
    const { trafficManager } = await sandbox.state();
    return trafficManager[0].switches.find(
      (s: any) => s.to === to && s.wallTime >= after,
    )?.wallTime as string | undefined;
  };
  const lagReady = () =>
    waitFor(async () => {
      const lag = await monitor.readReplicationLag();
      return lag.ok && lag;
    }, 10_000);

  beforeAll(async () => {
    loopLag = EventLoopLag.start();
    sandbox = await startTestSandbox({ speed: SPEED });
    const config = new ConfigReader(sandboxConfig(sandbox.endpoints));
    const logger = mockServices.logger.mock();
    traffic = AzureTrafficProvider.fromConfig(config, { logger });
    const [production] = readEnvironments(config);
    const apps = sandbox.endpoints.regions;
    target = failoverTargetOf(production, {
      eastus: `${apps.eastus.app}/healthz`,
      westus: `${apps.westus.app}/healthz`,
    });
    monitor = FailoverMonitor.create({
      traffic,
      dns: ResolverDnsProvider.fromConfig(config, { logger }),
      metrics: PrometheusMetricsProvider.fromConfig(config, { logger }),
      target,
      probeTimeoutMs: 250,
      logger,
    });
  });

  beforeEach(async () => {
    await sandbox.control('/reset', { method: 'POST' });
    await waitFor(async () =>
      (
        await traffic.getProfile(target.profile)
      ).endpoints.every(e => e.endpointMonitorStatus === 'Online'),
    );
  });

  // A failed test leaves its sampler running: stopped here, it cannot load
  // the next test's world.
  afterEach(() => Promise.all([...running].map(r => r.stop())));

  afterAll(() => {
    loopLag?.stop();
    return sandbox?.stop();
  });

  it('disabling the primary endpoint: detection and DNS switch within 1 s (world) of the truth, RTO and RPO under target, failback after the hold-down', async () => {
    const lag = await lagReady();
    const sampling = startSampling(monitor);
    // Before the cut users are served by the primary. A sample's own probes
    // time out after 250 ms: on a loaded machine the first few may, so the
    // healthy view is waited for (and must come) rather than taken from one.
    const before = await waitFor(() =>
      sampling.samples.find(x => x.probes.primary.ok && x.probes.secondary.ok),
    );
    expect(before).toMatchObject({
      trafficManager: { ok: true, routesTo: 'primary' },
      dns: { ok: true, answers: 'primary', ttl: 60 },
    });

    const cutAt = new Date().toISOString();
    const cut = await cutPrimary({
      traffic,
      target,
      cut: { method: 'disable-endpoint' },
    });
    expect(cut).toEqual({
      changed: true,
      timing: {
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
        ttlSeconds: 60,
      },
    });
    const input = {
      cut: { at: cutAt, method: 'disable-endpoint' as const },
      timing: cut.timing,
      replicationLag: lag,
    };
    // Sustained service seen by samples that a loaded machine spaces out:
    // the same 30 s deadline as the restore's.
    const measured = await waitFor(() => {
      const m = measureFailover({ ...input, samples: sampling.samples });
      return m.resolverServed && m;
    }, 30_000);

    const truthDetection = await statusChange('eastus', 'Disabled', cutAt);
    const truthSwitch = await dnsSwitch('westus', cutAt);
    const detectionError = worldError(measured.detection!.at, truthDetection!);
    const switchError = worldError(measured.dnsSwitch!.at, truthSwitch!);
    // eslint-disable-next-line no-console
    console.log(
      `disable-endpoint: detection error ${detectionError} ms, DNS switch error ${switchError} ms (world)`,
    );
    expect(Math.abs(detectionError)).toBeLessThanOrEqual(
      tolerance(loopLag, sampling),
    );
    expect(Math.abs(switchError)).toBeLessThanOrEqual(
      tolerance(loopLag, sampling),
    );
    expect(measured.resolverServed!.seconds * SPEED).toBeLessThanOrEqual(300);
    expect(measured.resolverServed!.seconds).toBeGreaterThanOrEqual(
      measured.dnsSwitch!.seconds,
    );
    expect(measured.rpo).toEqual({
      seconds: lag.seconds,
      timestamp: lag.timestamp,
    });
    // A planned drain is no outage: no RTO, and without the users' request
    // counters the drain is not claimed to have passed.
    expect(measured.rto).toBeUndefined();
    expect(measured.verdicts).toMatchObject({
      rto: 'not-applicable',
      rpo: 'passed',
      drain: 'pending',
      overall: 'pending',
    });
    // A retry after a crash does not touch Azure again.
    expect(
      (
        await cutPrimary({
          traffic,
          target,
          cut: { method: 'disable-endpoint' },
        })
      ).changed,
    ).toBe(false);

    // The primary has trouble while it is out; it may only come back once
    // it has been healthy for the whole hold-down after recovering.
    // Only a sample begun after the outage counts: one of the 250 ms probes
    // before it may have timed out on a loaded machine.
    const downAt = new Date().toISOString();
    await sandbox.control('/regions/eastus/down', { method: 'POST' });
    await waitFor(() =>
      sampling.samples.some(x => x.at > downAt && !x.probes.primary.ok),
    );
    const holding = await restorePrimary({
      traffic,
      target,
      cut: { method: 'disable-endpoint' },
      samples: sampling.samples,
      holdDownSeconds: HOLD_DOWN_SECONDS,
      now: new Date(),
    });
    expect(holding).toMatchObject({
      state: 'holding',
      holdDown: { satisfied: false, healthyForSeconds: 0 },
    });
    const upAt = new Date().toISOString();
    await sandbox.control('/regions/eastus/up', { method: 'POST' });
    // The restore is decided on the samples ended so far, as the run's tick
    // decides it after its own sample; samples still in flight then (this
    // test samples concurrently) began before it but were not seen by it.
    let seenAtRestore: FailoverSample[] = [];
    const restoredAt = await waitFor(async () => {
      const seen = [...sampling.samples];
      const step = await restorePrimary({
        traffic,
        target,
        cut: { method: 'disable-endpoint' },
        samples: seen,
        holdDownSeconds: HOLD_DOWN_SECONDS,
        now: new Date(),
      });
      seenAtRestore = seen;
      return step.state === 'restored' && step.changed && step.at;
    }, 30_000);
    const asSeenByTheRestore = () =>
      sampling.samples.filter(
        x => x.at >= restoredAt || seenAtRestore.includes(x),
      );
    const reenabledTruth = await statusChange(
      'eastus',
      'CheckingEndpoint',
      upAt,
    );
    const heldMs = Date.parse(reenabledTruth!) - Date.parse(upAt);
    expect(heldMs).toBeGreaterThanOrEqual(HOLD_DOWN_SECONDS * 1000);
    // The hold-down starts again at any unhealthy sample: on a loaded machine
    // a 250 ms probe can time out after the recovery too. Wall time: the
    // restore follows a hold-down of healthy samples within a second plus
    // the event loop's lag (the test polls restorePrimary on it).
    const healthy = (x: FailoverSample) =>
      primaryHealth(x, 'disable-endpoint').healthy;
    // Samples are kept as they end; the hold-down walks them as they began.
    const byStart = [...seenAtRestore].sort((a, b) => a.at.localeCompare(b.at));
    const lastFailed = byStart
      .filter(x => x.at < restoredAt && !healthy(x))
      .pop();
    const healthySince = byStart.find(
      x => x.at > (lastFailed?.at ?? upAt) && healthy(x),
    )!.at;
    expect(Date.parse(reenabledTruth!) - Date.parse(healthySince)).toBeLessThan(
      loopLag.wallBound(HOLD_DOWN_SECONDS * 1000),
    );
    expect(
      await restorePrimary({
        traffic,
        target,
        cut: { method: 'disable-endpoint' },
        samples: sampling.samples,
        holdDownSeconds: HOLD_DOWN_SECONDS,
        now: new Date(),
      }),
    ).toEqual({ state: 'restored', changed: false });

    const final = await waitFor(() => {
      const m = measureFailover({
        ...input,
        samples: asSeenByTheRestore(),
        restore: { at: restoredAt, holdDownSeconds: HOLD_DOWN_SECONDS },
      });
      return m.failback?.sustained && m;
    });
    await sampling.stop();
    const truthBack = await dnsSwitch('eastus', upAt);
    const failbackError = worldError(
      final.failback!.dnsAnswersPrimary!.at,
      truthBack!,
    );
    // eslint-disable-next-line no-console
    console.log(
      `failback: DNS back error ${failbackError} ms (world), held ${
        heldMs * SPEED
      } ms (world)`,
    );
    expect(Math.abs(failbackError)).toBeLessThanOrEqual(
      tolerance(loopLag, sampling),
    );
    expect(final.failback!.primaryHealthyForSeconds).toBeGreaterThanOrEqual(
      HOLD_DOWN_SECONDS,
    );
    expect(final.failback!.trafficManagerRoutesPrimary).toBeDefined();
  });

  it('a real outage of the primary: detected by probes after about interval × (tolerated + 1), DNS switch within 1 s (world) of the truth, failback by itself', async () => {
    const lag = await lagReady();
    const timing = failoverTimingOf(await traffic.getProfile(target.profile));
    const sampling = startSampling(monitor);
    await waitFor(() => sampling.samples.length >= 3);

    const down = await sandbox.control('/regions/eastus/down', {
      method: 'POST',
    });
    const cutAt: string = down.at.wallTime;
    const input = {
      cut: { at: cutAt, method: 'unhealthy' as const },
      timing,
      replicationLag: lag,
    };
    const measured = await waitFor(() => {
      const m = measureFailover({ ...input, samples: sampling.samples });
      return m.resolverServed && m;
    });
    const truthDetection = await statusChange('eastus', 'Degraded', cutAt);
    const truthSwitch = await dnsSwitch('westus', cutAt);
    const detectionError = worldError(measured.detection!.at, truthDetection!);
    const switchError = worldError(measured.dnsSwitch!.at, truthSwitch!);
    const detectionWorldSeconds = measured.detection!.seconds * SPEED;
    // eslint-disable-next-line no-console
    console.log(
      `outage: detection after ${detectionWorldSeconds} s (world; expected within ${measured.expected.detectionWithinSeconds} s), errors: detection ${detectionError} ms, DNS switch ${switchError} ms (world)`,
    );
    expect(Math.abs(detectionError)).toBeLessThanOrEqual(
      tolerance(loopLag, sampling),
    );
    expect(Math.abs(switchError)).toBeLessThanOrEqual(
      tolerance(loopLag, sampling),
    );
    // 10 s × (1 + 1) ± one interval, as Traffic Manager's probes are timed.
    expect(Math.abs(detectionWorldSeconds - 20) * 1000).toBeLessThanOrEqual(
      10_000 + tolerance(loopLag, sampling),
    );
    expect(measured.expected).toMatchObject({
      detectionWithinSeconds: 25,
      usersRecoveredWithinSeconds: 85,
    });
    // The portal's uncached resolver is served long before the last cached
    // client: without the users' counters no RTO is claimed before switch + TTL.
    expect(measured.resolverServed!.seconds * SPEED).toBeLessThanOrEqual(300);
    expect(measured.rto).toBeUndefined();
    expect(measured.verdicts.rto).toBe('pending');

    const up = await sandbox.control('/regions/eastus/up', { method: 'POST' });
    const restoreAt: string = up.at.wallTime;
    const final = await waitFor(() => {
      const m = measureFailover({
        ...input,
        samples: sampling.samples,
        restore: { at: restoreAt },
      });
      return m.failback?.sustained && m;
    });
    await sampling.stop();
    const truthBack = await dnsSwitch('eastus', restoreAt);
    const failback = final.failback!;
    expect(
      Math.abs(worldError(failback.dnsAnswersPrimary!.at, truthBack!)),
    ).toBeLessThanOrEqual(tolerance(loopLag, sampling));
    // One good probe brings it back: within an interval (plus what the
    // samples can resolve) of recovery, not two.
    expect(
      failback.trafficManagerRoutesPrimary!.seconds * SPEED * 1000,
    ).toBeLessThan(10_000 + tolerance(loopLag, sampling));
  });

  it('refuses to cut the primary while the secondary could not take the users', async () => {
    await sandbox.control('/regions/westus/down', { method: 'POST' });
    await waitFor(async () => {
      const profile = await traffic.getProfile(target.profile);
      return profile.endpoints.some(
        e => e.name === 'westus' && e.endpointMonitorStatus === 'Degraded',
      );
    });
    await expect(
      cutPrimary({ traffic, target, cut: { method: 'disable-endpoint' } }),
    ).rejects.toThrow(
      "Not cutting the primary 'eastus': the secondary 'westus' is Degraded",
    );
    const profile = await traffic.getProfile(target.profile);
    expect(profile.endpoints.map(e => e.endpointStatus)).toEqual([
      'Enabled',
      'Enabled',
    ]);
  });
});
