/**
 * `./portal yarn bench [--quick] [--only region-health,history,...]`: the
 * portal's benchmarks. Prints a table and writes bench/results/latest.json
 * and latest.md. Never part of the test command.
 */
import { failoverAccuracy } from './figures/failoverAccuracy';
import { frontend, measureBundle } from './figures/frontend';
import { historyAtScale } from './figures/historyAtScale';
import { liveUpdates } from './figures/liveUpdates';
import { pageLoad } from './figures/pageLoad';
import { regionHealthLoad } from './figures/regionHealthLoad';
import { startup } from './figures/startup';
import { stopConditionLatency } from './figures/stopConditionLatency';
import { BenchContext } from './lib/context';
import { REPO_ROOT, RESULTS_DIR } from './lib/paths';
import { FigureResult, printTable, writeResults } from './lib/results';

const FIGURES: {
  id: string;
  name: string;
  /** undefined: a step whose numbers another figure reports; several: figures from the same runs. */
  run: (
    ctx: BenchContext,
  ) => Promise<FigureResult | FigureResult[] | undefined>;
}[] = [
  {
    id: 'region-health',
    name: 'Region-health API under load',
    run: regionHealthLoad,
  },
  { id: 'history', name: 'History at scale', run: historyAtScale },
  {
    id: 'failover',
    name: 'Failover measurement accuracy',
    run: failoverAccuracy,
  },
  // Built before the next backend starts, so that backend serves it to the browser.
  {
    id: 'frontend',
    name: 'Frontend bundle',
    run: async ctx => {
      await measureBundle(ctx);
      return undefined;
    },
  },
  {
    id: 'stop-condition',
    name: 'Stop-condition latency',
    run: stopConditionLatency,
  },
  { id: 'frontend', name: 'Frontend', run: frontend },
  {
    id: 'page-load',
    name: 'Page load: production build against the development server',
    run: pageLoad,
  },
  {
    id: 'live-updates',
    name: 'Live updates: signals against polling',
    run: liveUpdates,
  },
];

function parseArgs(argv: string[]) {
  let quick = false;
  let reuseAppBuild = false;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--reuse-app-build') reuseAppBuild = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',');
    else if (a.startsWith('--only=')) only = a.slice(7).split(',');
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        `usage: yarn bench [--quick] [--reuse-app-build] [--only ${[
          ...new Set(FIGURES.map(f => f.id)),
          'startup',
        ].join(',')}]\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'`);
  }
  const known = [...new Set(FIGURES.map(f => f.id)), 'startup'];
  for (const id of only ?? []) {
    if (!known.includes(id))
      throw new Error(`unknown figure '${id}'; known: ${known.join(', ')}`);
  }
  return { quick, only, reuseAppBuild };
}

async function main() {
  const { quick, only, reuseAppBuild } = parseArgs(process.argv.slice(2));
  const ctx = new BenchContext(quick, reuseAppBuild);
  const started = performance.now();
  const results: FigureResult[] = [];
  for (const figure of FIGURES) {
    if (only && !only.includes(figure.id)) continue;
    ctx.log(`── ${figure.name}`);
    const t0 = performance.now();
    try {
      const result = await figure.run(ctx);
      if (result) results.push(...(Array.isArray(result) ? result : [result]));
    } catch (e) {
      // One broken figure must not lose the others' numbers: it is reported as not measured.
      const message = String((e as Error).message ?? e).slice(0, 500);
      ctx.log(`${figure.name} failed: ${message}`);
      results.push({
        name: figure.name,
        unit: '',
        target: '',
        limitedBy: `not measured: ${message}`,
        details: [],
      });
    }
    ctx.log(
      `── ${figure.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  await ctx.close();
  if (!only || only.includes('startup')) results.push(startup(ctx));
  const elapsed = Math.round((performance.now() - started) / 1000);
  printTable(results);
  const mode = quick ? 'quick' : 'full';
  // A partial run must not overwrite the full results others quote.
  const dir = only ? `${RESULTS_DIR}/partial` : RESULTS_DIR;
  const files = writeResults(dir, REPO_ROOT, results, elapsed, mode);
  ctx.log(`wrote ${files.json} and ${files.md} (${elapsed} s)`);
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});
