import {
  FailoverFigureSource,
  PrimaryCutMethod,
  Run,
  SeriesPoint,
} from '@internal/plugin-nt-infra-common';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const SOURCES: readonly FailoverFigureSource[] = [
  'traffic',
  'dns-switch-plus-ttl',
  'resolver',
];

/** A past failover test as the history lists it, read defensively from the run's free-form outcome. */
export interface FailoverRunSummary {
  environment: string;
  method?: PrimaryCutMethod;
  /** The headline RTO (unhealthy method only): a planned drain has none. */
  rtoSeconds?: number;
  /** Where the RTO came from; tests stored before the users' traffic was measured say `resolver`. */
  rtoSource?: FailoverFigureSource;
  targetSeconds?: number;
  /** Planned drain: when the users had moved to the secondary. */
  movedSeconds?: number;
  failedRequests?: number;
}

function methodOf(run: Pick<Run, 'outcome'> & Partial<Pick<Run, 'params'>>) {
  const method =
    run.params?.method ??
    (isRecord(run.outcome?.measurement)
      ? run.outcome.measurement.method
      : undefined);
  return method === 'disable-endpoint' || method === 'unhealthy'
    ? method
    : undefined;
}

export function failoverRunSummary(
  run: Pick<Run, 'outcome'> & Partial<Pick<Run, 'environment' | 'params'>>,
): FailoverRunSummary {
  const method = methodOf(run);
  const summary: FailoverRunSummary = {
    environment: run.environment ?? '',
    method,
  };
  const m = run.outcome?.measurement;
  if (!isRecord(m)) return summary;
  if (isRecord(m.targets)) summary.targetSeconds = num(m.targets.rtoSeconds);
  if (method === 'disable-endpoint') {
    // Nobody is down in a planned drain; an RTO stored by an older portal was
    // its resolver's view and is not shown as one.
    if (isRecord(m.drain)) {
      summary.movedSeconds = num(m.drain.movedSeconds);
      summary.failedRequests = num(m.drain.failedRequests);
    }
    return summary;
  }
  if (isRecord(m.rto)) {
    summary.rtoSeconds = num(m.rto.seconds);
    const source = m.rto.source;
    summary.rtoSource = SOURCES.find(s => s === source) ?? 'resolver';
  }
  return summary;
}

/** A past test's RTO and target; none for a planned drain. */
export function rtoOfRun(
  run: Pick<Run, 'outcome'> & Partial<Pick<Run, 'params'>>,
): {
  rtoSeconds?: number;
  targetSeconds?: number;
} {
  const s = failoverRunSummary(run);
  return { rtoSeconds: s.rtoSeconds, targetSeconds: s.targetSeconds };
}

/** One line of the history's trend: one environment and one method, oldest test first. */
export interface FailoverTrend {
  key: string;
  label: string;
  points: SeriesPoint[];
}

/**
 * The RTO's trend per environment and method (a planned drain's is when the
 * users had moved): a staging drain and a production outage drill measure
 * different things and never share a line.
 */
export function failoverTrends(runs: Run[]): FailoverTrend[] {
  const groups = new Map<string, FailoverTrend>();
  for (const run of runs) {
    const s = failoverRunSummary(run);
    const drain = s.method === 'disable-endpoint';
    const v = drain ? s.movedSeconds : s.rtoSeconds;
    if (v === undefined) continue;
    const key = `${s.environment}/${s.method ?? 'unknown'}`;
    const label = drain
      ? `Users moved, ${s.environment} · planned drain`
      : `RTO, ${s.environment} · ${s.method ?? 'unknown method'}`;
    const group = groups.get(key) ?? { key, label, points: [] };
    group.points.push({ t: Date.parse(run.endedAt ?? run.createdAt), v });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(g => ({ ...g, points: g.points.sort((a, b) => a.t - b.t) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A run's title with a failover test's regions named as the rest of the
 * portal names them ("Failover test: East US → West US (unhealthy)"): the
 * stored title, written when the test started, has their Azure names. Other
 * runs keep their own title.
 */
export function runTitle(
  run: Pick<Run, 'kind' | 'title' | 'environment' | 'regions' | 'outcome'> &
    Partial<Pick<Run, 'params'>>,
  regionName: (environment: string, region: string) => string,
): string {
  // A failover test's regions are the primary and the secondary, in that order.
  if (run.kind !== 'failover' || run.regions.length !== 2) return run.title;
  const [from, to] = run.regions.map(r => regionName(run.environment, r));
  const method = methodOf(run);
  return `Failover test: ${from} → ${to}${method ? ` (${method})` : ''}`;
}
