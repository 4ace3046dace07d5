import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { BenchContext } from '../lib/context';
import { startDefaultWorld, World } from '../lib/defaultWorld';
import {
  latencySummary,
  perViewerMinute,
  RecordedTransition,
  sightLatencies,
  transitionAt,
} from '../lib/liveLatency';
import type { Detail, FigureResult } from '../lib/results';
import { round, sleep } from '../lib/stats';
import { measureBundle, CHROMIUM_ARGS } from './frontend';

const TERMINAL = ['completed', 'failed', 'aborted', 'rolled-back', 'rejected'];
/** The History page's read without signals (useRunsPages' POLL_MS). */
const HISTORY_POLL_MS = 10_000;
const SIGHT_TIMEOUT_MS = 60_000;
/**
 * A quiet spell before the runs: what viewers cost while nothing changes.
 * Two minutes, so that the views' once-a-minute safety refresh under
 * signals (hooks/useLive's SIGNALS_SAFETY_REFRESH_MS) is counted.
 */
const IDLE_MS = 120_000;

interface Mode {
  id: 'signals' | 'polling';
  label: string;
  /** Frontend extensions the served app leaves out. */
  disabledExtensions: string[];
  /**
   * Random wait before each transition, up to this: so that transitions do
   * not fall right after a poll (the bench waits for every viewer, which
   * happens just after their reads) and sample every phase of the interval.
   */
  jitterMs: number;
}

const MODES: Mode[] = [
  {
    id: 'signals',
    label: 'with signals',
    disabledExtensions: [],
    jitterMs: 1_000,
  },
  {
    id: 'polling',
    label: 'without signals (the app without its signals API: polls)',
    disabledExtensions: ['api:signals'],
    jitterMs: HISTORY_POLL_MS,
  },
];

interface ModeResult {
  mode: Mode;
  latenciesMs: number[];
  transitions: number;
  problems: string[];
  /** nt-infra API requests of all viewers while the transitions ran. */
  requests: number;
  windowMs: number;
  /** nt-infra API requests of all viewers in the quiet spell before. */
  idleRequests: number;
  /** Signals websockets the viewers opened, and the messages they received while the transitions ran. */
  websockets: number;
  signalMessages: number;
}

/**
 * Every viewer's page records, for each run row of the History table, when
 * it first showed each state (Date.now() in a MutationObserver callback,
 * i.e. once React has put it in the DOM). A script rather than a function:
 * tsx's transform names functions with a helper the page does not have.
 */
const SIGHT_RECORDER = `(() => {
  const seen = {};
  window.__benchSeen = seen;
  const scan = () => {
    const now = Date.now();
    const table = document.querySelector('table[aria-label="Runs"]');
    if (!table) return;
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = row.querySelectorAll('td');
      const title = cells[0] && cells[0].textContent.trim();
      // The state badge is a glyph followed by the state's name.
      const match = cells[4] && /[a-z-]+$/.exec(cells[4].textContent.trim());
      if (!title || !match) continue;
      const key = title + '\\u0000' + match[0];
      if (seen[key] === undefined) seen[key] = now;
    }
  };
  new MutationObserver(scan).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  scan();
})()`;

async function sightOf(
  page: Page,
  title: string,
  state: string,
): Promise<number | undefined> {
  try {
    const handle = await page.waitForFunction(
      key => (window as any).__benchSeen?.[key],
      `${title}\u0000${state}`,
      { polling: 100, timeout: SIGHT_TIMEOUT_MS },
    );
    return (await handle.jsonValue()) as number;
  } catch {
    return undefined;
  }
}

/** The run as the API answers, once `done` holds (polled every 50 ms). */
async function runWhen(
  world: World,
  id: string,
  done: (state: string) => boolean,
): Promise<{ state: string; transitions: RecordedTransition[] }> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = await world.backend.api(`/runs/${id}`);
    if (done(run.state)) return run;
    if (Date.now() > deadline)
      throw new Error(`run ${id} stayed ${run.state} for 120 s`);
    await sleep(50);
  }
}

/** Stored → every viewer showing it; pushes the latencies, returns a problem if any. */
async function measureTransition(
  viewers: Page[],
  title: string,
  run: { state: string; transitions: RecordedTransition[] },
  latencies: number[],
): Promise<string | undefined> {
  const at = transitionAt(run.transitions, run.state);
  if (at === undefined) return `${title}: no recorded move to ${run.state}`;
  const seen = await Promise.all(
    viewers.map(p => sightOf(p, title, run.state)),
  );
  const shown = seen.filter((t): t is number => t !== undefined);
  latencies.push(...sightLatencies(at, shown));
  const missed = seen.length - shown.length;
  return missed
    ? `${title}: ${missed} viewer(s) never showed ${run.state} within ${
        SIGHT_TIMEOUT_MS / 1000
      } s`
    : undefined;
}

async function measureMode(
  ctx: BenchContext,
  browser: Browser,
  mode: Mode,
  viewerCount: number,
  runs: number,
): Promise<ModeResult> {
  const world = await startDefaultWorld(ctx, `live updates ${mode.id}`, {
    speed: 1,
    disabledExtensions: mode.disabledExtensions,
  });
  const contexts: BrowserContext[] = [];
  try {
    const base = world.backend.baseUrl;
    const signIn = await browser.newContext();
    const first = await signIn.newPage();
    await first.goto(`${base}/`, { timeout: 300_000 });
    await first
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 300_000 });
    await first
      .getByRole('link', { name: 'Infrastructure' })
      .waitFor({ timeout: 300_000 });
    const storageState = await signIn.storageState();
    await signIn.close();

    // What every viewer's browser sent and received, counted while `counting`.
    const traffic = {
      counting: false,
      requests: 0,
      websockets: 0,
      signalMessages: 0,
    };
    const viewers: Page[] = [];
    for (let v = 0; v < viewerCount; v++) {
      const context = await browser.newContext({ storageState });
      contexts.push(context);
      context.on('request', req => {
        if (
          traffic.counting &&
          new URL(req.url()).pathname.startsWith('/api/nt-infra/')
        )
          traffic.requests++;
      });
      const page = await context.newPage();
      page.on('websocket', ws => {
        if (!new URL(ws.url()).pathname.startsWith('/api/signals')) return;
        traffic.websockets++;
        ws.on('framereceived', () => {
          if (traffic.counting) traffic.signalMessages++;
        });
      });
      await page.goto(`${base}/nt-infra/history`, { timeout: 300_000 });
      await page
        .getByRole('table', { name: 'Runs' })
        .waitFor({ timeout: 300_000 });
      await page.evaluate(SIGHT_RECORDER);
      viewers.push(page);
    }
    // Let the pages settle (signals connected, first reads done).
    await sleep(3_000);
    traffic.counting = true;
    await sleep(IDLE_MS);
    const idleRequests = traffic.requests;
    traffic.requests = 0;
    traffic.signalMessages = 0;

    const latenciesMs: number[] = [];
    const problems: string[] = [];
    let transitions = 0;
    const started = Date.now();
    for (let i = 0; i < runs; i++) {
      const title = `bench live ${mode.id} ${i + 1}`;
      await sleep(Math.random() * mode.jitterMs);
      const created = await world.backend.api('/runs/chaos', {
        method: 'POST',
        headers: { 'Idempotency-Key': `bench-${randomUUID()}` },
        body: {
          environment: 'staging',
          regions: ['westus'],
          title,
          template: {
            type: 'pod-failure',
            workload: { namespace: 'ntai', name: 'ntai-api' },
            duration: '10m',
            mode: 'one',
            // Never met: the run moves only when the bench stops it.
            stopConditions: [
              {
                metric: 'ntai:slo_burn_rate:5m',
                op: '>',
                threshold: 10_000,
                for: '0s',
              },
            ],
          },
        },
      });
      const running = await runWhen(
        world,
        created.id,
        s => s === 'running' || TERMINAL.includes(s),
      );
      transitions++;
      const p1 = await measureTransition(viewers, title, running, latenciesMs);
      if (p1) problems.push(p1);
      if (running.state !== 'running') {
        problems.push(`${title} ended ${running.state} before it was stopped`);
        continue;
      }
      await sleep(Math.random() * mode.jitterMs);
      await world.backend.api(`/runs/${created.id}/stop`, {
        method: 'POST',
        body: { reason: 'bench: live-update latency' },
      });
      const ended = await runWhen(world, created.id, s => TERMINAL.includes(s));
      transitions++;
      const p2 = await measureTransition(viewers, title, ended, latenciesMs);
      if (p2) problems.push(p2);
      ctx.log(
        `${mode.id} run ${i + 1}: ${running.state} → ${ended.state}, ${
          latenciesMs.length
        } sightings so far`,
      );
    }
    const windowMs = Date.now() - started;
    traffic.counting = false;
    return {
      mode,
      latenciesMs,
      transitions,
      problems,
      requests: traffic.requests,
      windowMs,
      idleRequests,
      websockets: traffic.websockets,
      signalMessages: traffic.signalMessages,
    };
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    await world.stop();
  }
}

function modeDetails(r: ModeResult, viewers: number): Detail[] {
  const s = latencySummary(r.latenciesMs);
  return [
    {
      label: `run stored → shown, ${r.mode.label}`,
      value: `p50 ${round(s.p50)} s, p95 ${round(s.p95)} s, max ${round(
        s.max,
      )} s`,
      note: `n=${s.n} sightings (${r.transitions} transitions × ${viewers} viewers)`,
    },
    {
      label: `viewers' nt-infra requests while runs moved, ${r.mode.label}`,
      value: `${r.requests} in ${round(r.windowMs / 1000)} s`,
      note: `${round(
        r.requests / viewers / Math.max(1, r.transitions),
      )} per viewer per measured transition; ${
        r.websockets
      } signals websocket(s) opened, ${
        r.signalMessages
      } signal message(s) received by all viewers meanwhile`,
    },
    {
      label: `viewers' nt-infra requests while nothing changed, ${r.mode.label}`,
      value: `${r.idleRequests} in ${IDLE_MS / 1000} s`,
      note: `${round(
        perViewerMinute(r.idleRequests, viewers, IDLE_MS),
      )} per viewer-minute`,
    },
  ];
}

/**
 * Live updates: the History page open in several browser contexts while
 * staging chaos runs start and are stopped through the API; for every
 * transition, the backend's stored timestamp → each viewer's DOM showing
 * the new state. Once with signals, once with the app's signals API left
 * out (the documented fallback: the page polls), each on its own backend.
 */
export async function liveUpdates(ctx: BenchContext): Promise<FigureResult> {
  if (!ctx.bundle) await measureBundle(ctx);
  const viewers = ctx.quick ? 3 : 5;
  const runs = ctx.quick ? 3 : 10;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const results: ModeResult[] = [];
  try {
    for (const mode of MODES) {
      ctx.log(`live updates ${mode.label}: ${viewers} viewers, ${runs} runs`);
      results.push(await measureMode(ctx, browser, mode, viewers, runs));
    }
  } finally {
    await browser.close();
  }
  const [signals, polling] = results;
  const sig = latencySummary(signals.latenciesMs);
  const poll = latencySummary(polling.latenciesMs);
  const problems = results.flatMap(r => r.problems);
  // Without the signals API the page must have polled, and opened no websocket.
  const fallbackPolled = polling.websockets === 0 && polling.idleRequests > 0;
  return {
    name: 'Live updates: run transition → browser shows it (p95), with signals',
    unit: 's',
    value: round(sig.p95),
    min: round(Math.min(...signals.latenciesMs) / 1000),
    max: round(sig.max),
    repetitions: sig.n,
    baseline: round(poll.p95),
    ratio: round(poll.p95 / sig.p95),
    target:
      'none set by the issue (reported): p95 with signals beside polling, same run',
    limitedBy:
      [
        problems.length ? problems.join('; ') : '',
        fallbackPolled
          ? ''
          : `the polling mode did not poll as expected (${polling.websockets} websocket(s), ${polling.idleRequests} requests while idle)`,
      ]
        .filter(Boolean)
        .join('; ') || undefined,
    details: [
      ...modeDetails(signals, viewers),
      ...modeDetails(polling, viewers),
      {
        label: 'method',
        value: `${viewers} headless Chromium contexts on /nt-infra/history (production build served by the backend); ${runs} staging chaos runs per mode started and stopped through the API, a random wait (≤ ${
          MODES[0].jitterMs / 1000
        } s with signals, ≤ ${
          HISTORY_POLL_MS / 1000
        } s polling) before each, after ${
          IDLE_MS / 1000
        } s with no changes; latency = the run's stored transition timestamp → a MutationObserver's Date.now() when the row shows the state (one clock); each run publishes its creation and every move on the runs channel, and each viewer reads its rows once per message`,
      },
    ],
  };
}
