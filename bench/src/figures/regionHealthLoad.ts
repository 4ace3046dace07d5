import path from 'node:path';
import { clustersAsRegions } from '../lib/backendConfig';
import type { BackendProcess } from '../lib/backendProcess';
import type { BenchContext } from '../lib/context';
import { autocannon, LoadRun } from '../lib/loadGenerator';
import { BENCH_DIR } from '../lib/paths';
import type { Detail, FigureResult } from '../lib/results';
import { SandboxProcess } from '../lib/sandboxProcess';
import { formatSpread, round, spread, Spread } from '../lib/stats';

const REFRESH_SECONDS = 5;
const TARGET_RATIO = 20;

type Mode = 'cached' | 'baseline';

interface Cell {
  topology: string;
  connections: number;
  runs: Record<Mode, LoadRun[]>;
  /** Upstream calls per minute over all repetitions of the cell. */
  upstreamPerMinute: Record<Mode, number>;
}

/**
 * Figure 1: GET /regions under 1, 50 and 500 concurrent viewers, the portal
 * as configured (reads cached and coalesced for 5 s) against the same
 * endpoint with caching and coalescing off (refreshIntervalSeconds 0: every
 * request fans out upstream, as Backstage's Kubernetes backend does).
 * Every window starts from an idle backend: requests a closed connection
 * abandoned are still served, so the next window waits until a probe request
 * is answered as fast as when idle. One backend at a time loads the sandbox,
 * which counts the upstream calls.
 */
export async function regionHealthLoad(
  ctx: BenchContext,
): Promise<FigureResult> {
  const topologies = ['2x3', '6x3'];
  const reps = ctx.quick ? 1 : 3;
  const windows: Record<number, number> = { 1: 2, 50: 3, 500: 5 };
  const cells = new Map<string, Cell>();

  for (const topology of topologies) {
    const sandbox = await SandboxProcess.start({
      topology: path.join(BENCH_DIR, 'topologies', `${topology}.yaml`),
    });
    try {
      const common = {
        endpoints: sandbox.endpoints,
        caPath: sandbox.caPath,
        environments: clustersAsRegions(sandbox.endpoints),
      };
      for (const mode of ['cached', 'baseline'] as const) {
        const backend = await ctx.startBackend(`${topology} ${mode}`, {
          ...common,
          refreshIntervalSeconds: mode === 'cached' ? REFRESH_SECONDS : 0,
        });
        try {
          const headers = {
            authorization: `Bearer ${await backend.authToken()}`,
          };
          const url = `${backend.baseUrl}/api/nt-infra/regions`;
          const idleMs = await idleLatency(backend);
          for (const connections of [1, 50, 500]) {
            const key = `${topology} ${connections}`;
            const cell = cells.get(key) ?? {
              topology,
              connections,
              runs: { cached: [], baseline: [] },
              upstreamPerMinute: { cached: 0, baseline: 0 },
            };
            cells.set(key, cell);
            // The baseline's backlog at 500 viewers takes minutes to drain: one window, then it stops.
            const n = mode === 'baseline' && connections === 500 ? 1 : reps;
            let upstream = 0;
            let elapsed = 0;
            for (let rep = 0; rep < n; rep++) {
              await drained(backend, idleMs);
              const before = await sandbox.requests();
              const { result, peakMiB } = await ctx.sampleRss(backend, () =>
                autocannon({
                  url,
                  connections,
                  durationSeconds: windows[connections],
                  headers,
                }),
              );
              const after = await sandbox.requests();
              if (mode === 'cached' && peakMiB !== undefined) {
                ctx.rssUnderLoadMiB.push(peakMiB);
              }
              cell.runs[mode].push(result);
              upstream += after.total - before.total;
              elapsed += result.durationSeconds;
              const failed = result.non2xx + result.errors + result.timeouts;
              ctx.log(
                `${topology} ${mode} c=${connections}: ${result.requestsPerSecond.toFixed(
                  1,
                )} req/s, p99 ${result.censored ? '>' : ''}${
                  result.p99Ms
                } ms, ${after.total - before.total} upstream calls${
                  failed ? `, ${failed} failed` : ''
                }`,
              );
            }
            cell.upstreamPerMinute[mode] = (upstream / elapsed) * 60;
          }
        } finally {
          // Stopping it ends its backlog: queued fan-outs never load the next measurement.
          await backend.stop();
        }
      }
    } finally {
      await sandbox.stop();
    }
  }
  return summarize([...cells.values()], reps, windows[500]);
}

async function timed(backend: BackendProcess): Promise<number> {
  const t = performance.now();
  await backend.api('/regions');
  return performance.now() - t;
}

/** Median latency of a few lone requests: what "idle" means for this backend. */
async function idleLatency(backend: BackendProcess): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await timed(backend));
  return spread(times).median;
}

/** Waits (up to 30 s) until a lone request is answered about as fast as when idle. */
async function drained(backend: BackendProcess, idleMs: number) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await timed(backend)) <= Math.max(3 * idleMs, idleMs + 50)) return;
    await new Promise(r => setTimeout(r, 250));
  }
}

function stat(runs: LoadRun[], pick: (r: LoadRun) => number): Spread {
  return spread(runs.map(pick));
}

function summarize(cells: Cell[], reps: number, seconds: number): FigureResult {
  const details: Detail[] = [];
  const misses: string[] = [];
  for (const cell of cells) {
    const label = `${cell.topology} c=${cell.connections}`;
    const rps = stat(cell.runs.cached, r => r.requestsPerSecond);
    const baseRps = stat(cell.runs.baseline, r => r.requestsPerSecond);
    const p50 = stat(cell.runs.cached, r => r.p50Ms);
    const baseP50 = stat(cell.runs.baseline, r => r.p50Ms);
    const p99 = stat(cell.runs.cached, r => r.p99Ms);
    const baseP99 = stat(cell.runs.baseline, r => r.p99Ms);
    const censored = (m: Mode) => cell.runs[m].some(r => r.censored);
    // A baseline that answered nothing is credited one answer per window: the ratio is a lower bound.
    const baseFloor = Math.max(
      baseRps.median,
      1 / (cell.runs.baseline[0]?.durationSeconds ?? seconds),
    );
    const ratio = rps.median / baseFloor;
    const ratioText = `${baseRps.median < baseFloor ? '≥ ' : ''}${round(
      ratio,
    )}×`;
    const failed = (m: Mode) =>
      cell.runs[m].reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0);
    details.push(
      {
        label: `${label} throughput`,
        value: formatSpread(rps, 'req/s'),
        baseline: formatSpread(baseRps, 'req/s'),
        ratio: ratioText,
        note:
          cell.connections > 1 && ratio < TARGET_RATIO
            ? `below ${TARGET_RATIO}×`
            : undefined,
      },
      {
        label: `${label} p50 latency`,
        value: formatSpread(p50, 'ms'),
        baseline: formatSpread(baseP50, 'ms'),
      },
      {
        label: `${label} p99 latency`,
        value: `${censored('cached') ? '≥ ' : ''}${formatSpread(p99, 'ms')}`,
        baseline: `${censored('baseline') ? '≥ ' : ''}${formatSpread(
          baseP99,
          'ms',
        )}`,
        note:
          [
            p99.median > baseP99.median ? 'worse than baseline' : '',
            censored('baseline') ? 'baseline answered nothing in a window' : '',
          ]
            .filter(Boolean)
            .join('; ') || undefined,
      },
      {
        label: `${label} upstream calls/min`,
        value: `${round(cell.upstreamPerMinute.cached)}`,
        baseline: `${round(cell.upstreamPerMinute.baseline)}`,
        note:
          failed('cached') || failed('baseline')
            ? `failed requests: ${failed('cached')} portal, ${failed(
                'baseline',
              )} baseline`
            : undefined,
      },
    );
    // At one viewer throughput is latency-bound for both; the target is about load.
    if (cell.connections > 1 && ratio < TARGET_RATIO) {
      misses.push(`${label}: ${round(ratio)}× throughput`);
    }
    if (p99.median > baseP99.median) {
      misses.push(
        `${label}: p99 ${round(p99.median)} ms > baseline ${round(
          baseP99.median,
        )} ms`,
      );
    }
  }
  for (const topology of new Set(cells.map(c => c.topology))) {
    const mine = cells.filter(c => c.topology === topology);
    const one = mine.find(c => c.connections === 1)!.upstreamPerMinute.cached;
    const most = Math.max(...mine.map(c => c.upstreamPerMinute.cached));
    // A 5 s cache seen through short windows is quantised: allow one refresh cycle's noise.
    const flat = most <= one * 1.5 + 1;
    details.push({
      label: `${topology} upstream calls/min, 1 → 500 viewers (portal)`,
      value: `${round(one)} → ${round(
        mine[mine.length - 1].upstreamPerMinute.cached,
      )}`,
      note: flat ? 'flat' : 'GROWS with viewers',
    });
    if (!flat) misses.push(`${topology}: upstream calls grow with viewers`);
  }
  const head = cells.find(c => c.topology === '6x3' && c.connections === 500)!;
  const headRps = stat(head.runs.cached, r => r.requestsPerSecond);
  const headBase = stat(head.runs.baseline, r => r.requestsPerSecond);
  const headFloor = Math.max(
    headBase.median,
    1 / (head.runs.baseline[0]?.durationSeconds ?? seconds),
  );
  return {
    name: 'Region-health API under load (6×3, 500 viewers)',
    unit: 'req/s',
    value: round(headRps.median),
    baseline: round(headBase.median),
    ratio: round(headRps.median / headFloor),
    min: round(headRps.min),
    max: round(headRps.max),
    repetitions: headRps.n,
    target: `≥ ${TARGET_RATIO}× baseline throughput at 50 and 500 viewers, p99 ≤ baseline, upstream calls/min flat`,
    met: misses.length === 0,
    limitedBy: misses.length ? misses.join('; ') : undefined,
    details: [
      ...details,
      {
        label: 'method',
        value: `autocannon 9.0.0 on loopback; ${reps} windows of 2/3/${seconds} s at 1/50/500 viewers, each from an idle backend (baseline at 500: one window)`,
        note: `portal: refreshIntervalSeconds ${REFRESH_SECONDS}; baseline: 0 (no cache, no coalescing)`,
      },
    ],
  };
}
