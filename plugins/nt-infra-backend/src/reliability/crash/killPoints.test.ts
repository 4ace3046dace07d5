import { TERMINAL_RUN_STATES } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackendLauncher } from './__testUtils__/BackendLauncher';
import {
  CrashDatabase,
  sharedTestDatabase,
} from './__testUtils__/crashDatabase';
import { CrashDrill } from './__testUtils__/CrashDrill';
import { UpstreamGate } from './__testUtils__/UpstreamGate';
import {
  childConfig,
  CRASH_SPEED,
  writeCrashRepo,
} from './__testUtils__/crashWorld';
import {
  chaosViolations,
  lossViolations,
  timelineViolations,
  trafficViolations,
} from './__testUtils__/invariants';
import {
  KILL_PLAN,
  KillSequence,
  SandboxEvent,
  seededRandom,
} from './__testUtils__/killPlan';

// Bounded well below this in CI; the margin is for a machine under load.
jest.setTimeout(600_000);

const SEED = process.env.NT_CRASH_SEED ?? 'nt-infra-crash-1';

/**
 * Every Traffic Manager endpoint probed Online again, and Prometheus holding
 * what a failover test reads at its cut (the users' request counters and
 * the replication lag): a reset empties it until the next scrape.
 */
async function waitForFreshWorld(sandbox: TestSandbox) {
  await waitFor(async () => {
    const state: {
      trafficManager: Array<{
        endpoints: Array<{ endpointMonitorStatus: string }>;
      }>;
    } = await sandbox.state();
    return state.trafficManager.every(p =>
      p.endpoints.every(e => e.endpointMonitorStatus === 'Online'),
    );
  }, 30_000);
  const hasSeries = async (query: string) => {
    const res = await fetch(
      `${sandbox.endpoints.prometheus}/api/v1/query?${new URLSearchParams({
        query,
      })}`,
    );
    return ((await res.json()) as any).data.result.length > 0;
  };
  await waitFor(
    async () =>
      (await hasSeries('ntai:db_replication_lag_seconds:max')) &&
      (await hasSeries('http_requests_total{route!="/healthz"}')),
    30_000,
  );
}

/** Starts the sequence's run and kills the backend at each of its points. */
async function driveSequence(
  drill: CrashDrill,
  sequence: KillSequence,
): Promise<string> {
  const run: { id?: string } = {};
  const runId = () => run.id;
  const start = async () => {
    run.id = await sequence.start(drill.client);
    sequence.afterArm?.(drill.client, run.id, 0);
  };
  const restart = () => drill.startBackend();
  for (const [index, point] of sequence.points.entries()) {
    await drill.killAt(point, runId, index === 0 ? start : restart);
  }
  // The backend that finishes the run.
  await drill.startBackend();
  return run.id!;
}

describe('SIGKILL at 20 points of the run state machines', () => {
  let tmp: string;
  let sandbox: TestSandbox;
  let database: CrashDatabase;
  let launcher: BackendLauncher;
  let drill: CrashDrill;
  let gate: UpstreamGate;
  const events: SandboxEvent[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-crash-'));
    launcher = BackendLauncher.create({
      logDir: path.join(tmp, 'logs'),
      standbys: Math.max(...KILL_PLAN.map(s => s.points.length)),
    });
    // Children load while the world starts.
    launcher.prepare();
    sandbox = await startTestSandbox({
      speed: CRASH_SPEED,
      seed: SEED,
      onEvent: e => {
        events.push(e);
        drill?.onSandboxEvent(e);
      },
    });
    database = sharedTestDatabase(tmp);
    gate = new UpstreamGate();
    drill = new CrashDrill({
      launcher,
      gate,
      config: childConfig({
        endpoints: await gate.front(sandbox.endpoints),
        repoRoot: writeCrashRepo(path.join(tmp, 'repo')),
        database: database.backendConfig,
      }),
      db: database.knex(),
      random: seededRandom(SEED),
    });
  });

  afterAll(async () => {
    await launcher?.close();
    await gate?.close();
    await sandbox?.stop();
    await database?.dispose();
    // Kept when NT_CRASH_KEEP is set: the children's logs are in logs/.
    if (tmp && !process.env.NT_CRASH_KEEP) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('ends every run correctly, leaves no fault and loses nothing', async () => {
    const started = Date.now();
    let last = Date.now();
    const lag = setInterval(() => {
      const now = Date.now();
      if (now - last > 600)
        drill.log(`parent event loop stalled ${now - last} ms`);
      last = now;
    }, 100);
    await drill.startBackend();
    const violations: string[] = [];
    const checked: string[] = [];
    // NT_CRASH_ONLY=<words>: only the sequences whose name contains them (debugging).
    const only = process.env.NT_CRASH_ONLY;
    const plan = KILL_PLAN.filter(s => !only || s.name.includes(only));
    for (const sequence of plan) {
      await drill.untilQuiet();
      // A backend loaded for every kill: restarts then cost only the start.
      await launcher.warm(sequence.points.length);
      const id = await driveSequence(drill, sequence);
      const run = await drill.untilTerminal(id);
      drill.log(`${sequence.name}: ${run.state}`);
      checked.push(`${sequence.name}: ${run.state}`);
      violations.push(...timelineViolations(run, sequence.expected));
      const audit = await database.knex()('audit_events').orderBy('id', 'asc');
      for (const snapshot of drill.kills.filter(k => k.run.id === id)) {
        violations.push(...lossViolations(snapshot, { audit, run }));
      }
      // Children of a GameDay are runs of their own: they end too.
      for (const step of run.steps) {
        const child = (step.details as { childRunId?: string } | undefined)
          ?.childRunId;
        if (child) {
          const c = await drill.untilTerminal(child);
          checked.push(`  ${step.name} child: ${c.state}`);
          violations.push(...timelineViolations(c, ['completed']));
        }
      }
      violations.push(...trafficViolations(await sandbox.state()));
      // The next run starts from a fresh world (error budgets included),
      // once nothing of this one is left: a reset would hide leftovers.
      const live = chaosViolations(events);
      if (live.length === 0) {
        await sandbox.control('/reset', { method: 'POST' });
        await waitForFreshWorld(sandbox);
      }
    }
    await drill.untilQuiet();
    clearInterval(lag);
    violations.push(...chaosViolations(events));

    const killed = drill.kills.length;
    const starts = drill.backends.map(b => b.startMs);
    // The figures of this suite, in CI's log.
    process.stdout.write(
      [
        `crash suite (seed ${SEED}, ${database.engine}):`,
        `  kill points tried: ${killed} (${drill.kills
          .map(k => `${k.point}@${k.state}`)
          .join(', ')})`,
        `  of them with the run still active: ${
          drill.kills.filter(k => !TERMINAL_RUN_STATES.includes(k.state)).length
        }`,
        `  runs checked: ${checked.length}`,
        ...checked.map(c => `    ${c}`),
        `  backend restarts: ${killed}, each child loading in ${Math.round(
          drill.backends.reduce((a, b) => a + b.loadCpuMs, 0) /
            drill.backends.length,
        )} ms of CPU, then serving ${Math.min(...starts)}-${Math.max(
          ...starts,
        )} ms after the start order`,
        `  chaos objects created: ${
          events.filter(e => e.type === 'chaos.created').length
        }, leftovers and violations found: ${violations.length}`,
        `  wall time: ${Math.round((Date.now() - started) / 1000)} s`,
        '',
      ].join('\n'),
    );
    expect(violations).toEqual([]);
    expect(killed).toBe(only ? killed : 20);
  });
});
