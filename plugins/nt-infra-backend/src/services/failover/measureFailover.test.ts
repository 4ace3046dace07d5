import { evaluateHoldDown } from './holdDown';
import { measureFailover, MeasureFailoverInput } from './measureFailover';
import { EndpointObservation, FailoverRole, FailoverSample } from './types';
import { UserTrafficReading } from './userTraffic';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

interface Shape {
  /** Seconds after T0. */
  t: number;
  primary?: EndpointObservation['monitorStatus'];
  disabled?: boolean;
  /** What DNS answers; `down` = the resolver failed. */
  dns?: FailoverRole | 'down';
  /** Which apps answer 200. */
  up?: FailoverRole[];
  tmDown?: boolean;
  /** Where Traffic Manager's statuses route; defaults to the DNS answer. */
  routesTo?: FailoverRole;
}

/** A sample as the monitor records it, with zero latency so times are exact. */
function sample(s: Shape): FailoverSample {
  const up = s.up ?? ['primary', 'secondary'];
  const probe = (r: FailoverRole) =>
    up.includes(r)
      ? { ok: true, status: 200, latencyMs: 0 }
      : { ok: false, status: 503, latencyMs: 0 };
  const answers = s.dns ?? 'primary';
  return {
    at: iso(s.t),
    trafficManager: s.tmDown
      ? { ok: false, latencyMs: 0, error: 'ARM 503' }
      : {
          ok: true,
          latencyMs: 0,
          primary: {
            endpointStatus: s.disabled ? 'Disabled' : 'Enabled',
            monitorStatus: s.disabled ? 'Disabled' : s.primary ?? 'Online',
          },
          secondary: { endpointStatus: 'Enabled', monitorStatus: 'Online' },
          routesTo: s.routesTo ?? (answers === 'down' ? undefined : answers),
        },
    dns:
      answers === 'down'
        ? { ok: false, latencyMs: 0, error: 'TIMEOUT' }
        : {
            ok: true,
            latencyMs: 0,
            answers,
            cname: `ntai-${answers}`,
            ttl: 60,
          },
    probes: { primary: probe('primary'), secondary: probe('secondary') },
  };
}

const timing = {
  intervalInSeconds: 10,
  timeoutInSeconds: 5,
  toleratedNumberOfFailures: 1,
  ttlSeconds: 60,
};
const lag = {
  ok: true as const,
  region: 'westus',
  seconds: 2.5,
  timestamp: iso(0),
  query: 'ntai:db_replication_lag_seconds:max{region="westus"}',
};

function outage(
  shapes: Shape[],
  extra: Partial<MeasureFailoverInput> = {},
): MeasureFailoverInput {
  return {
    cut: { at: iso(0), method: 'unhealthy' },
    timing,
    replicationLag: lag,
    samples: shapes.map(sample),
    ...extra,
  };
}

/** Every `step` seconds from `from` to `to` (inclusive), the same shape. */
const every = (from: number, to: number, step: number, s: Omit<Shape, 't'>) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => ({
    ...s,
    t: from + i * step,
  }));

/**
 * Counters of users who fail from the cut until `recoveredAt` and are served
 * after it, scraped every 15 s from 4 s before the cut to `until`.
 */
function usersBack(recoveredAt: number, until: number): UserTrafficReading {
  const intervals = [];
  for (let end = -4; end <= until; end += 15) {
    const start = end - 15;
    const failing = Math.max(
      0,
      Math.min(end, recoveredAt) - Math.max(start, 0),
    );
    intervals.push({
      startMs: T0 + start * 1000,
      endMs: T0 + end * 1000,
      requests: { primary: failing * 10, secondary: (15 - failing) * 10 },
      failed: { primary: failing * 10, secondary: 0 },
    });
  }
  const last = intervals[intervals.length - 1];
  return {
    ok: true,
    query: 'http_requests_total{}',
    anchor: {
      backendAt: new Date(last.endMs).toISOString(),
      prometheusMs: last.endMs,
    },
    intervals,
  };
}

describe('measureFailover', () => {
  it('measures detection, DNS switch, RTO and RPO of a clean outage and sets them against the timing formula', () => {
    const m = measureFailover(
      outage(
        [
          { t: -1 },
          ...every(0, 14, 2, { up: ['secondary'] }),
          ...every(16, 24, 2, {
            primary: 'Degraded',
            dns: 'secondary',
            up: ['secondary'],
          }),
        ],
        {
          cutAnchor: { backendAt: iso(0), prometheusMs: T0 },
          traffic: usersBack(76, 140),
        },
      ),
    );
    expect(m.detection).toEqual({ at: iso(16), seconds: 16 });
    expect(m.dnsSwitch).toEqual({ at: iso(16), seconds: 16 });
    expect(m.clientsConvergedBy).toBe(iso(76));
    // The portal's own resolver is served at once: a phase, not the users' RTO.
    expect(m.resolverServed).toEqual({ at: iso(16), seconds: 16 });
    expect(m.rto).toEqual({
      at: iso(76),
      seconds: 76,
      source: 'traffic',
      resolutionSeconds: 15,
      lowerBoundSeconds: 16,
      upperBoundSeconds: 76,
      trafficWithinSeconds: [71, 86],
      outsideBounds: undefined,
    });
    expect(m.rpo).toEqual({ seconds: 2.5, timestamp: iso(0) });
    expect(m.expected).toEqual({
      detectionWithinSeconds: 25,
      dnsSwitchWithinSeconds: 25,
      clientsConvergeWithinSecondsOfSwitch: 60,
      usersRecoveredWithinSeconds: 85,
      failbackWithinSeconds: 15,
    });
    expect(m.samples).toEqual({
      afterCut: 13,
      dnsUnavailable: 0,
      trafficManagerUnavailable: 0,
    });
    expect(m.verdicts).toEqual({
      rto: 'passed',
      rpo: 'passed',
      overall: 'passed',
    });
  });

  it('never switched: no RTO, pending while inside the target, failed once past it', () => {
    const stuck = { primary: 'Degraded' as const, up: ['secondary' as const] };
    const early = measureFailover(outage(every(0, 120, 10, stuck)));
    expect(early.detection?.seconds).toBe(0);
    expect(early.dnsSwitch).toBeUndefined();
    expect(early.rto).toBeUndefined();
    expect(early.verdicts).toMatchObject({
      rto: 'pending',
      overall: 'pending',
    });

    const late = measureFailover(outage(every(0, 310, 10, stuck)));
    expect(late.rto).toBeUndefined();
    expect(late.verdicts).toEqual({
      rto: 'failed',
      rpo: 'passed',
      overall: 'failed',
    });
    // Giving the primary back before the secondary served also ends it.
    const gaveUp = measureFailover(
      outage(every(0, 60, 10, stuck), { restore: { at: iso(61) } }),
    );
    expect(gaveUp.verdicts.rto).toBe('failed');
  });

  it('flapping: success that does not last three samples does not count as recovered', () => {
    const serving = { dns: 'secondary' as const, up: ['secondary' as const] };
    const m = measureFailover(
      outage([
        { t: 10, ...serving },
        { t: 12, ...serving },
        { t: 14, dns: 'secondary', up: [] }, // the secondary stumbles
        { t: 16, ...serving },
        { t: 18, dns: 'primary', up: ['secondary'] }, // DNS flips back once
        { t: 20, ...serving },
        { t: 22, ...serving },
        { t: 24, ...serving },
      ]),
    );
    expect(m.dnsSwitch?.seconds).toBe(10);
    expect(m.resolverServed?.seconds).toBe(20);
    expect(
      measureFailover({
        ...outage([]),
        samples: outage(every(10, 24, 2, serving)).samples,
        options: { sustainedSuccesses: 8 },
      }).resolverServed?.seconds,
    ).toBe(10);
  });

  it('DNS unavailable: such samples count, break a streak and never make the RTO shorter', () => {
    const serving = { dns: 'secondary' as const, up: ['secondary' as const] };
    const m = measureFailover(
      outage([
        { t: 16, ...serving, primary: 'Degraded' },
        { t: 18, ...serving },
        { t: 20, dns: 'down', up: ['secondary'] },
        { t: 22, dns: 'down', up: ['secondary'], tmDown: true },
        { t: 24, ...serving },
        { t: 26, ...serving },
        { t: 28, ...serving },
      ]),
    );
    expect(m.samples).toEqual({
      afterCut: 7,
      dnsUnavailable: 2,
      trafficManagerUnavailable: 1,
    });
    expect(m.dnsSwitch?.seconds).toBe(16);
    expect(m.resolverServed?.seconds).toBe(24);
  });

  it('without readable counters: the RTO is switch + TTL once the run has looked that far, and says so', () => {
    const serving = { dns: 'secondary' as const, up: ['secondary' as const] };
    const early = measureFailover(outage(every(16, 70, 2, serving)));
    expect(early.rto).toBeUndefined();
    expect(early.verdicts.rto).toBe('pending');
    const m = measureFailover(
      outage(every(16, 80, 2, serving), {
        cutAnchor: { backendAt: iso(0), prometheusMs: T0 },
        traffic: { ok: false, query: 'q', at: iso(80), error: 'timeout' },
      }),
    );
    expect(m.rto).toMatchObject({
      seconds: 76,
      source: 'dns-switch-plus-ttl',
      lowerBoundSeconds: 16,
    });
    expect(m.traffic?.error).toBe('timeout');
    expect(m.verdicts.rto).toBe('passed');
  });

  it('RPO: over the target fails, an unreadable lag is inconclusive rather than a pass', () => {
    const shapes = every(0, 10, 2, { dns: 'secondary', up: ['secondary'] });
    const high = measureFailover(
      outage(shapes, { replicationLag: { ...lag, seconds: 75 } }),
    );
    // Users' recovery not known yet, but the RPO alone fails the test.
    expect(high.verdicts).toEqual({
      rto: 'pending',
      rpo: 'failed',
      overall: 'failed',
    });
    const unread = measureFailover(
      outage(shapes, {
        replicationLag: {
          ok: false,
          region: 'westus',
          query: lag.query,
          error: 'no series',
        },
      }),
    );
    expect(unread.rpo).toBeUndefined();
    expect(unread.verdicts.overall).toBe('inconclusive');
  });

  it('a disabled endpoint is detected as Disabled, expected at once, and failback is measured from the restore', () => {
    const out = { disabled: true, dns: 'secondary' as const };
    const m = measureFailover({
      cut: { at: iso(0), method: 'disable-endpoint' },
      timing,
      replicationLag: lag,
      restore: { at: iso(40), holdDownSeconds: 20 },
      samples: (
        [
          { t: 0.5, ...out },
          { t: 1, ...out },
          ...every(10, 18, 2, { ...out, up: ['secondary'] }),
          ...every(20, 38, 2, out),
          {
            t: 40,
            primary: 'CheckingEndpoint',
            routesTo: 'primary',
            dns: 'secondary',
          },
          { t: 42, primary: 'CheckingEndpoint', dns: 'primary' },
          { t: 44 },
          { t: 46 },
        ] as Shape[]
      ).map(sample),
    });
    expect(m.detection?.seconds).toBe(0.5);
    expect(m.expected.detectionWithinSeconds).toBe(0);
    // A planned drain has no RTO; without counters its verdict cannot pass.
    expect(m.rto).toBeUndefined();
    expect(m.verdicts).toEqual({
      rto: 'not-applicable',
      rpo: 'passed',
      drain: 'inconclusive',
      overall: 'inconclusive',
    });
    expect(m.failback).toEqual({
      restoreAt: iso(40),
      holdDownSeconds: 20,
      // The primary was down from 10 to 18 s while out: only 20..38 counts.
      primaryHealthyForSeconds: 18,
      trafficManagerRoutesPrimary: { at: iso(40), seconds: 0 },
      dnsAnswersPrimary: { at: iso(42), seconds: 2 },
      sustained: { at: iso(42), seconds: 2 },
    });
  });
});

describe('evaluateHoldDown', () => {
  const opts = { method: 'disable-endpoint' as const, holdDownSeconds: 30 };

  it('holds until the primary has been healthy for the whole hold-down, restarting on a flap', () => {
    const healthy = { disabled: true };
    const flapping = [
      ...every(0, 20, 5, healthy),
      { t: 25, disabled: true, up: ['secondary' as const] },
      ...every(30, 55, 5, healthy),
    ].map(sample);
    expect(evaluateHoldDown(flapping, opts)).toEqual({
      satisfied: false,
      requiredSeconds: 30,
      healthySince: iso(30),
      healthyForSeconds: 25,
    });
    expect(
      evaluateHoldDown([...flapping, sample({ t: 60, ...healthy })], opts),
    ).toMatchObject({ satisfied: true, healthyForSeconds: 30 });
  });

  it('does not count what it could not see: an unreadable Traffic Manager or a long gap between samples', () => {
    const tmGap = [
      sample({ t: 0, disabled: true }),
      sample({ t: 5, tmDown: true }),
      ...every(10, 40, 10, { disabled: true }).map(sample),
    ];
    expect(evaluateHoldDown(tmGap, opts).healthySince).toBe(iso(10));
    const restartGap = [
      ...every(0, 20, 5, { disabled: true }),
      ...every(120, 140, 5, { disabled: true }),
    ].map(sample);
    expect(evaluateHoldDown(restartGap, opts)).toMatchObject({
      satisfied: false,
      healthySince: iso(120),
    });
    // An enabled but Degraded primary is not healthy whatever its app says.
    expect(
      evaluateHoldDown([sample({ t: 0, primary: 'Degraded' })], {
        ...opts,
        holdDownSeconds: 0,
      }),
    ).toMatchObject({
      satisfied: false,
      reason: 'primary endpoint is Degraded',
    });
  });
});
