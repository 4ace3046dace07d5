import { randomUUID } from 'node:crypto';
import type { BenchContext } from '../lib/context';
import { startDefaultWorld, World } from '../lib/defaultWorld';
import type { Detail, FigureResult } from '../lib/results';
import { quantile, round, sleep, spread } from '../lib/stats';

const SPEED = 30;
const TARGET_P95_SECONDS = 5;
const METRIC = 'ntai:slo_burn_rate:5m';
const THRESHOLD = 14.4;
const SERIES_REGION = 'staging-westus';
const CLUSTER = 'aks-ntai-staging-westus';
const TERMINAL = ['completed', 'failed', 'aborted', 'rolled-back', 'rejected'];

interface Measured {
  /** Breach first answered by Prometheus → fault gone from the cluster (real seconds). */
  latency?: number;
  /** The portal's own record of the same delay (its tick's observation → its delete). */
  portalDelay?: number;
  state: string;
  problem?: string;
}

/** The burn rate the stop condition watches, as Prometheus answers it now. */
async function burnRate(world: World): Promise<number | undefined> {
  const q = encodeURIComponent(`${METRIC}{region="${SERIES_REGION}"}`);
  const res = await fetch(
    `${world.sandbox.endpoints.prometheus}/api/v1/query?query=${q}`,
  );
  const body = (await res.json()) as any;
  const v = body?.data?.result?.[0]?.value?.[1];
  return v === undefined ? undefined : Number(v);
}

/** A fresh world (faults, series, Traffic Manager reset) with the SLIs evaluated and healthy. */
async function freshWorld(world: World) {
  await world.sandbox.control('/reset', { method: 'POST' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await burnRate(world);
    if (v !== undefined && v <= THRESHOLD) return;
    if (Date.now() > deadline)
      throw new Error('the SLIs did not come back after a reset');
    await sleep(100);
  }
}

async function oneRun(world: World): Promise<Measured> {
  await freshWorld(world);
  const { events: before } = await world.sandbox.control('/events');
  const since = before.length ? before[before.length - 1].seq : 0;
  const started = await world.backend.api('/runs/chaos', {
    method: 'POST',
    headers: { 'Idempotency-Key': `bench-${randomUUID()}` },
    body: {
      environment: 'staging',
      regions: ['westus'],
      title: 'bench: stop-condition latency',
      template: {
        type: 'pod-failure',
        workload: { namespace: 'ntai', name: 'ntai-api' },
        duration: '10m',
        mode: 'all',
        stopConditions: [
          { metric: METRIC, op: '>', threshold: THRESHOLD, for: '0s' },
        ],
      },
    },
  });
  // Watch the metric as closely as the machine allows: the first answer above
  // the threshold is when the breach became visible to anyone looking.
  let visibleAt: number | undefined;
  let run: any;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (visibleAt === undefined) {
      const v = await burnRate(world).catch(() => undefined);
      if (v !== undefined && v > THRESHOLD) visibleAt = Date.now();
    }
    run = await world.backend.api(`/runs/${started.id}`);
    if (TERMINAL.includes(run.state)) break;
    if (Date.now() > deadline)
      throw new Error(`chaos run ${started.id} did not end`);
    await sleep(visibleAt === undefined ? 25 : 200);
  }
  const { events } = await world.sandbox.control(
    `/events?since=${since}&type=chaos`,
  );
  const deleted = events.find(
    (e: any) => e.type === 'chaos.deleted' && e.data?.cluster === CLUSTER,
  );
  const removedAt = deleted ? Date.parse(deleted.wallTime) : undefined;
  const delayMs = run.outcome?.rollback?.delayMs;
  const result: Measured = {
    state: run.state,
    latency:
      visibleAt !== undefined && removedAt !== undefined
        ? (removedAt - visibleAt) / 1000
        : undefined,
    portalDelay: typeof delayMs === 'number' ? delayMs / 1000 : undefined,
  };
  if (run.state !== 'rolled-back')
    result.problem = `ended ${run.state}, not rolled back`;
  else if (visibleAt === undefined)
    result.problem = 'the breach was never seen in Prometheus';
  else if (removedAt === undefined) result.problem = 'no chaos.deleted event';
  return result;
}

/**
 * Figure 3: staging chaos runs (every ntai-api pod failed) with the stop
 * condition `ntai:slo_burn_rate:5m > 14.4`, on a backend with the default
 * reconciler tick (1 s). Latency is measured outside the portal: from the
 * first Prometheus answer over the threshold (polled every 25 ms) to the
 * sandbox's record of the Chaos Mesh resource being deleted.
 */
export async function stopConditionLatency(
  ctx: BenchContext,
): Promise<FigureResult> {
  const count = ctx.quick ? 4 : 20;
  const world = await startDefaultWorld(ctx, 'stop conditions (30×)', {
    speed: SPEED,
  });
  const results: Measured[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const r = await oneRun(world);
      results.push(r);
      ctx.log(
        `stop condition run ${i + 1}: ${
          r.state
        }, breach visible → fault removed ${
          r.latency?.toFixed(2) ?? '—'
        } s (portal's own record ${r.portalDelay?.toFixed(3) ?? '—'} s)${
          r.problem ? ` (${r.problem})` : ''
        }`,
      );
    }
  } catch (e) {
    await world.stop();
    throw e;
  }
  // The frontend figure reuses this backend (default settings, the built app served).
  ctx.shareWorld(world);
  const latencies = results.flatMap(r =>
    r.latency === undefined ? [] : [r.latency],
  );
  const portal = results.flatMap(r =>
    r.portalDelay === undefined ? [] : [r.portalDelay],
  );
  const p95 = quantile(latencies, 0.95);
  const s = spread(latencies);
  const problems = results.filter(r => r.problem);
  const met =
    problems.length === 0 && latencies.length > 0 && p95 <= TARGET_P95_SECONDS;
  const details: Detail[] = [
    {
      label: 'breach visible in Prometheus → fault removed',
      value: `p50 ${round(quantile(latencies, 0.5))} s, p95 ${round(
        p95,
      )} s, max ${round(s.max)} s`,
      note: `n=${latencies.length}`,
    },
    {
      label: "the portal's own record (tick's observation → delete)",
      value: `p50 ${round(quantile(portal, 0.5))} s, p95 ${round(
        quantile(portal, 0.95),
      )} s`,
      note: 'excludes the wait for the next tick',
    },
    {
      label: 'method',
      value: `sandbox at ${SPEED}×, default tick 1 s, ${METRIC} > ${THRESHOLD} in ${SERIES_REGION}, world reset between runs`,
    },
  ];
  return {
    name: `Stop-condition latency (${results.length} runs, p95)`,
    unit: 's',
    value: round(p95),
    min: round(s.min),
    max: round(s.max),
    repetitions: s.n,
    target: `p95 ≤ ${TARGET_P95_SECONDS} s from breach visible to fault removed`,
    met,
    limitedBy: met
      ? undefined
      : [
          latencies.length && p95 > TARGET_P95_SECONDS
            ? `p95 ${round(
                p95,
              )} s: the reconciler evaluates stop conditions once per tick (1 s) and the run's other work shares the tick`
            : '',
          problems.length
            ? `${problems.length} run(s) incomplete: ${problems
                .map(p => p.problem)
                .join('; ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
    details,
  };
}
