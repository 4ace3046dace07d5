import type { BenchContext } from '../lib/context';
import type { FigureResult } from '../lib/results';
import { formatSpread, round, spread } from '../lib/stats';

/**
 * Figure 6, from every backend the other figures started: time from spawning
 * the backend to its readiness endpoint answering, RSS once it settled, and
 * the peak RSS while it served 500 viewers.
 */
export function startup(ctx: BenchContext): FigureResult {
  // Backends started alone give the clean start-up time; if none was, the paired ones stand in.
  const alone = ctx.startups.filter(s => !s.concurrent);
  const solo = alone.length ? alone : ctx.startups;
  const seconds = spread(solo.map(s => s.seconds));
  const paired = spread(
    ctx.startups.filter(s => s.concurrent).map(s => s.seconds),
  );
  const rest = spread(
    ctx.startups.flatMap(s =>
      s.rssAtRestMiB === undefined ? [] : [s.rssAtRestMiB],
    ),
  );
  const load = spread(ctx.rssUnderLoadMiB);
  if (seconds.n === 0) {
    return {
      name: 'Start-up and memory',
      unit: 's',
      target: 'none set by the issue (reported)',
      limitedBy: 'no backend was started (its figures were skipped)',
      details: [],
    };
  }
  return {
    name: 'Start-up and memory',
    unit: 's',
    value: round(seconds.median),
    min: round(seconds.min),
    max: round(seconds.max),
    repetitions: seconds.n,
    target: 'none set by the issue (reported)',
    details: [
      {
        label: 'start → ready (spawn to /.backstage/health/v1/readiness 200)',
        value: formatSpread(seconds, 's'),
        note: solo.map(s => `${s.label} ${round(s.seconds)} s`).join(', '),
      },
      {
        label: 'start → ready, two backends starting together',
        value: paired.n ? formatSpread(paired, 's') : '—',
        note: 'the region-health figure starts its portal and baseline side by side',
      },
      {
        label: 'backend RSS at rest',
        value: formatSpread(rest, 'MiB'),
        note: '2 s after ready',
      },
      {
        label: 'backend RSS under load (peak)',
        value: load.n ? formatSpread(load, 'MiB') : 'not measured',
        note: 'while serving GET /regions to up to 500 viewers',
      },
    ],
  };
}
