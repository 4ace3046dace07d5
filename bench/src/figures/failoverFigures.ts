import type { Detail, FigureResult } from '../lib/results';
import { round, spread } from '../lib/stats';

/** Resolver view: each moment within 1 s (world) of the sandbox's event log. */
export const TARGET_ERROR_SECONDS = 1;
/** Users' view: the headline RTO within 5 s (world) of the synthetic clients' worst outage. */
export const TARGET_USER_ERROR_SECONDS = 5;

export type Env = 'production' | 'staging';

export interface Probe {
  intervalInSeconds: 10 | 30;
  timeoutInSeconds: number;
  toleratedNumberOfFailures: number;
  ttl: number;
}

/** What the synthetic clients lived through after the cut (GET /clients), world seconds. */
export interface ClientOutages {
  clients: number;
  affected: number;
  ongoing: number;
  p50Seconds?: number;
  p95Seconds?: number;
  maxSeconds?: number;
  /** ISO, world time. */
  lastRecoveryAt?: string;
}

export interface UsersMeasured {
  /** The portal's headline RTO, world seconds after its cut, and where it came from. */
  rto?: number;
  source?: string;
  resolution?: number;
  lowerBound?: number;
  upperBound?: number;
  truth?: ClientOutages;
  /** Portal RTO minus the clients' max outage, world seconds. */
  error?: number;
  /** Portal's recovery moment minus the last client's first request served again, world seconds. */
  recoveryError?: number;
  /** From the portal's cut to the fault in the world (chaos.injected), world seconds. */
  cutLag?: number;
}

export interface Measured {
  env: Env;
  probe: Probe;
  state: string;
  /** Portal moment minus ground-truth moment, world seconds. */
  errors: { detection?: number; dnsSwitch?: number; resolverServed?: number };
  /** Portal durations after its cut, world seconds, and the formula's bound. */
  portal: { detection?: number; dnsSwitch?: number; resolverServed?: number };
  expected?: { detectionWithinSeconds: number; dnsSwitchWithinSeconds: number };
  /** The headline RTO (users' request counters) against the synthetic clients' outages. */
  users: UsersMeasured;
  problem?: string;
}

export interface FigureSetting {
  speed: number;
  tickSeconds: number;
  clients: number;
}

export const fmt = (v?: number) => (v === undefined ? '—' : v.toFixed(2));

const settingLabel = (r: Measured) =>
  `${r.env} ${r.probe.intervalInSeconds}s/${r.probe.toleratedNumberOfFailures} tolerated/TTL ${r.probe.ttl}`;

function problemsOf(results: Measured[], what: (r: Measured) => string[]) {
  return results.flatMap(r => {
    const p = what(r);
    return p.length ? [`${settingLabel(r)}: ${p.join(', ')}`] : [];
  });
}

const maxOf = (values: (number | undefined)[]) => {
  const v = values.filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};

function spreadDetail(
  label: string,
  values: (number | undefined)[],
  note?: string,
): Detail {
  const s = spread(values.filter((v): v is number => v !== undefined));
  return {
    label,
    value: `median ${round(s.median)} (${round(s.min)} to ${round(s.max)}, n=${
      s.n
    })`,
    note,
  };
}

/**
 * The portal's own view (Traffic Manager, DNS and its uncached resolver):
 * detection, DNS switch and "resolver served" set against the event log.
 */
export function resolverAccuracy(
  results: Measured[],
  setting: FigureSetting,
): FigureResult {
  const details: Detail[] = [];
  const all: number[] = [];
  for (const key of ['detection', 'dnsSwitch', 'resolverServed'] as const) {
    const errs = results.flatMap(r =>
      r.errors[key] === undefined ? [] : [r.errors[key]!],
    );
    all.push(...errs.map(Math.abs));
    const s = spread(errs);
    details.push({
      label: `${key} error (portal − ground truth), world s`,
      value: `median ${round(s.median)} (${round(s.min)} to ${round(
        s.max,
      )}, n=${s.n})`,
      note: `|error| ≤ ${TARGET_ERROR_SECONDS} s in ${
        errs.filter(e => Math.abs(e) <= TARGET_ERROR_SECONDS).length
      }/${errs.length}`,
    });
  }
  const formula = results.filter(
    r => r.expected && r.portal.detection !== undefined,
  );
  const within = formula.filter(
    r =>
      r.portal.detection! <=
      r.expected!.detectionWithinSeconds + TARGET_ERROR_SECONDS,
  );
  const share = spread(
    formula.map(r => r.portal.detection! / r.expected!.detectionWithinSeconds),
  );
  details.push({
    label:
      'detection vs Traffic Manager formula (interval × (tolerated+1) + timeout)',
    value: `${within.length}/${formula.length} within the bound`,
    note: `measured/formula median ${round(share.median)} (${round(
      share.min,
    )}–${round(share.max)})`,
  });
  for (const r of results) {
    details.push({
      label: settingLabel(r),
      value: `detection ${fmt(r.portal.detection)} s, DNS ${fmt(
        r.portal.dnsSwitch,
      )} s, resolver served ${fmt(r.portal.resolverServed)} s (world)`,
      note: `errors ${fmt(r.errors.detection)}/${fmt(r.errors.dnsSwitch)}/${fmt(
        r.errors.resolverServed,
      )} s; formula ≤ ${r.expected?.detectionWithinSeconds ?? '—'} s; ${
        r.state
      }${r.problem ? `; ${r.problem}` : ''}`,
    });
  }
  const problems = problemsOf(results, r =>
    [
      r.errors.detection === undefined && 'no detection error',
      r.errors.dnsSwitch === undefined && 'no DNS switch error',
      r.errors.resolverServed === undefined && 'no resolver-served error',
    ].filter((x): x is string => Boolean(x)),
  );
  const worst = all.length ? Math.max(...all) : NaN;
  const met =
    problems.length === 0 && all.length > 0 && worst <= TARGET_ERROR_SECONDS;
  const s = spread(all);
  return {
    name: `Failover measurement accuracy, resolver view (${results.length} tests, worst |error|)`,
    unit: 's (world)',
    value: round(worst),
    min: round(s.min),
    max: round(s.max),
    repetitions: results.length,
    target: `|error| ≤ ${TARGET_ERROR_SECONDS} s world time for every run (detection, DNS switch, resolver served)`,
    met,
    limitedBy: met
      ? undefined
      : [
          Number.isFinite(worst) && worst > TARGET_ERROR_SECONDS
            ? `worst |error| ${round(worst)} s: the portal samples every ${
                setting.tickSeconds
              } s real = ${round(
                setting.tickSeconds * setting.speed,
              )} s world at ${
                setting.speed
              }×, plus event-loop lag on a loaded 2-core machine`
            : '',
          problems.length
            ? `${problems.length} test(s) incomplete: ${problems.join('; ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
    details: [
      ...details,
      {
        label: 'method',
        value: `staging, sandbox at ${setting.speed}×, reconciler tick ${setting.tickSeconds} s, method unhealthy (pod-failure fault), hold-down 0, one uncounted warm-up test; ground truth: the sandbox's event log (world time)`,
      },
    ],
  };
}

/**
 * The headline RTO (from the users' request counters in Prometheus) against
 * what the sandbox's synthetic clients lived through: the longest per-client
 * outage after the cut. The counters are produced by those clients' requests,
 * but the portal only sees them as Prometheus' scraped totals.
 */
export function userRtoAccuracy(
  results: Measured[],
  setting: FigureSetting,
): FigureResult {
  const errs = results.flatMap(r =>
    r.users.error === undefined ? [] : [r.users.error],
  );
  const abs = errs.map(Math.abs);
  const worst = abs.length ? Math.max(...abs) : NaN;
  const s = spread(errs);
  const inBounds = results.filter(
    r =>
      r.users.rto !== undefined &&
      r.users.lowerBound !== undefined &&
      r.users.upperBound !== undefined &&
      r.users.rto >= r.users.lowerBound - 0.001 &&
      r.users.rto <= r.users.upperBound + 0.001,
  );
  const gap = spread(
    results.flatMap(r =>
      r.users.rto !== undefined && r.portal.resolverServed !== undefined
        ? [r.users.rto - r.portal.resolverServed]
        : [],
    ),
  );
  const details: Detail[] = [
    {
      label: 'RTO error (portal − clients’ max outage), world s',
      value: `median ${round(s.median)} (${round(s.min)} to ${round(
        s.max,
      )}, n=${s.n})`,
      note: `|error| ≤ ${TARGET_USER_ERROR_SECONDS} s in ${
        abs.filter(e => e <= TARGET_USER_ERROR_SECONDS).length
      }/${abs.length}`,
    },
    spreadDetail(
      'recovery moment error (portal cut + RTO − last client served again), world s',
      results.map(r => r.users.recoveryError),
    ),
    spreadDetail(
      'portal’s cut → fault in the world (chaos.injected), world s',
      results.map(r => r.users.cutLag),
      'counted in the RTO, not in any client’s outage: API round trips × the sandbox speed',
    ),
    {
      label: 'RTO within the portal’s bounds (DNS switch ≤ RTO ≤ switch + TTL)',
      value: `${inBounds.length}/${results.length}`,
    },
    {
      label:
        'users’ RTO − resolver view (what the old headline missed), world s',
      value: `median ${round(gap.median)} (${round(gap.min)} to ${round(
        gap.max,
      )}, n=${gap.n})`,
      note: 'about the TTL: clients keep the cached answer',
    },
  ];
  for (const r of results) {
    const t = r.users.truth;
    details.push({
      label: settingLabel(r),
      value: `RTO ${fmt(r.users.rto)} s from ${
        r.users.source ?? '—'
      } (bounds ${fmt(r.users.lowerBound)}–${fmt(
        r.users.upperBound,
      )} s, resolution ${fmt(r.users.resolution)} s); clients p50 ${fmt(
        t?.p50Seconds,
      )}, p95 ${fmt(t?.p95Seconds)}, max ${fmt(t?.maxSeconds)} s (world)`,
      note: `error ${fmt(r.users.error)} s; ${t?.affected ?? 0}/${
        t?.clients ?? 0
      } clients affected, ${t?.ongoing ?? 0} still failing; ${r.state}`,
    });
  }
  const problems = problemsOf(results, r =>
    [
      r.users.rto === undefined && 'portal measured no RTO',
      r.users.source !== 'traffic' &&
        r.users.rto !== undefined &&
        `RTO from ${r.users.source}, not the users' counters`,
      !r.users.truth?.affected && 'no client had an outage',
      (r.users.truth?.ongoing ?? 0) > 0 && 'clients still failing at the end',
    ].filter((x): x is string => Boolean(x)),
  );
  const met =
    problems.length === 0 &&
    abs.length === results.length &&
    abs.length > 0 &&
    worst <= TARGET_USER_ERROR_SECONDS;
  const a = spread(abs);
  return {
    name: `Failover user-perceived RTO vs synthetic clients (${results.length} tests, worst |error|)`,
    unit: 's (world)',
    value: round(worst),
    min: round(a.min),
    max: round(a.max),
    repetitions: results.length,
    target: `|RTO − clients’ max outage| ≤ ${TARGET_USER_ERROR_SECONDS} s world time for every run, at ${setting.speed}×`,
    met,
    limitedBy: met
      ? undefined
      : [
          Number.isFinite(worst) && worst > TARGET_USER_ERROR_SECONDS
            ? `worst |error| ${round(
                worst,
              )} s: the RTO counts from the portal's cut, up to ${fmt(
                maxOf(results.map(r => r.users.cutLag)),
              )} s (world) before the fault reached the world (API round trips × ${
                setting.speed
              }× on a loaded machine), and the counters are scraped every ${fmt(
                maxOf(results.map(r => r.users.resolution)),
              )} s (world); worst recovery-moment error ${fmt(
                maxOf(results.map(r => Math.abs(r.users.recoveryError ?? 0))),
              )} s`
            : '',
          problems.length
            ? `${problems.length} test(s) incomplete: ${problems.join('; ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
    details: [
      ...details,
      {
        label: 'method',
        value: `the same ${results.length} tests; ${setting.clients} synthetic clients per profile resolving through TTL caches spread over the TTL, one request per world second each (GET /clients?since=cut − 2 s); portal RTO = users' http_requests_total error ratio back under the SLO objective, sustained`,
      },
    ],
  };
}
