import {
  RunDetail,
  RunState,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { Knex } from 'knex';
import { DatabaseRunStore } from '../../../database/DatabaseRunStore';
import {
  BackendLauncher,
  BackendProcess,
  StartingBackend,
} from './BackendLauncher';
import { PortalClient } from './crashWorld';
import { KillPoint, SandboxEvent } from './killPlan';
import { UpstreamGate } from './UpstreamGate';

/** What the database held right after a kill: nothing of it may be lost. */
export interface KillSnapshot {
  point: string;
  /** The run's state when the backend died. */
  state: RunState;
  audit: Record<string, unknown>[];
  run: RunDetail;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Drives one backend child at a time against a shared database and the
 * sandbox, kills it with SIGKILL at kill points and starts the next one.
 */
export class CrashDrill {
  /** The child being started or serving: what a trigger kills. */
  private current?: StartingBackend;
  private armed?: { point: KillPoint; fire: () => void };
  readonly client: PortalClient;
  readonly runs: DatabaseRunStore;
  /** Every child that served, killed ones included. */
  readonly backends: BackendProcess[] = [];
  readonly kills: KillSnapshot[] = [];

  constructor(
    private readonly options: {
      launcher: BackendLauncher;
      config: Record<string, unknown>;
      db: Knex;
      random: () => number;
      /**
       * Between the children and the sandbox's upstreams: held from the moment a
       * `run` trigger matches until the kill, so the child is killed in that state.
       */
      gate?: UpstreamGate;
      /** The children's log level (default warn, or NT_CRASH_LOG_LEVEL). */
      logLevel?: 'warn' | 'info' | 'debug';
    },
  ) {
    this.client = new PortalClient('http://127.0.0.1:1');
    this.runs = new DatabaseRunStore(options.db);
  }

  /** Wire to the sandbox's `onEvent`: fires event triggers synchronously. */
  onSandboxEvent = (event: SandboxEvent) => {
    const armed = this.armed;
    if (armed && 'event' in armed.point.trigger) {
      if (armed.point.trigger.event(event)) armed.fire();
    }
  };

  /**
   * Starts the next backend on the same database. An armed trigger may kill
   * it before it reports ready: it reconciles from its first moment.
   */
  async startBackend(): Promise<BackendProcess> {
    const backend = await this.options.launcher.start(this.options.config, {
      logLevel:
        (process.env.NT_CRASH_LOG_LEVEL as 'warn' | 'info' | 'debug') ??
        this.options.logLevel ??
        'warn',
      onStarting: handle => {
        this.current = handle;
      },
    });
    this.current = backend;
    this.backends.push(backend);
    this.client.use(backend.baseUrl);
    return backend;
  }

  /** Progress on stderr: a long suite that says nothing cannot be debugged. */
  log(line: string) {
    process.stderr.write(
      `[crash ${new Date().toISOString().slice(11, 23)}] ${line}\n`,
    );
  }

  /**
   * Arms `point`, then lets `drive` run (start the run, or the backend
   * that follows the previous kill), waits for the trigger, kills the
   * backend and records what the database kept. The next backend is
   * started by the next point's `drive` (or `startBackend`), after its
   * trigger is armed.
   */
  async killAt(
    point: KillPoint,
    runId: () => string | undefined,
    drive: () => Promise<unknown>,
    timeoutMs = 60_000,
  ): Promise<KillSnapshot> {
    let victim: StartingBackend | undefined;
    const fired = new Promise<void>(resolve => {
      this.armed = {
        point,
        fire: () => {
          victim = this.current;
          victim?.kill();
          this.armed = undefined;
          resolve();
        },
      };
    });
    const trigger = point.trigger;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      try {
        await drive();
      } catch (error) {
        // Killed while starting: the point was reached early, which counts.
        if (!victim) throw error;
      }
      // The run is in the trigger's state already: it stays there.
      if (point.holdAfterDrive) this.options.gate?.hold();
      if ('run' in trigger) {
        while (!victim) {
          const id = runId();
          const run = id ? await this.runs.getRun(id) : undefined;
          if (run && trigger.run(run)) {
            // Nothing moves upstream until the kill, however long this
            // process takes to get there on a loaded machine.
            this.options.gate?.hold();
            await sleep(Math.floor(this.options.random() * trigger.jitterMs));
            this.armed?.fire();
            break;
          }
          if (run && TERMINAL_RUN_STATES.includes(run.state)) {
            throw new Error(`the run ended (${run.state}) first`);
          }
          if (Date.now() > deadline) throw new Error('not reached');
          await sleep(15);
        }
      }
      await Promise.race([
        fired,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the trigger never fired')),
            Math.max(0, deadline - Date.now()),
          );
        }),
      ]);
    } catch (error) {
      const id = runId();
      const run = id ? await this.runs.getRun(id) : undefined;
      throw new Error(
        `${point.id}: ${(error as Error).message}; the run: ${JSON.stringify({
          state: run?.state,
          transitions: run?.transitions.map(t => `${t.to}: ${t.reason}`),
          steps: run?.steps.map(st => `${st.name}: ${st.state}`),
        })}`,
      );
    } finally {
      clearTimeout(timer);
      this.armed = undefined;
      // Its connections die with the victim; the next child starts clean.
      this.options.gate?.release();
    }
    const exit = await victim!.exited;
    if (exit.signal !== 'SIGKILL') {
      throw new Error(
        `${victim!.name} died on its own: ${JSON.stringify(exit)}`,
      );
    }
    const id = runId();
    const run = id ? await this.runs.getRun(id) : undefined;
    if (!run) throw new Error(`${point.id}: no run recorded`);
    // A kill that landed in a later state tested a neighbouring point (the
    // invariants still hold there); said in the log, so a drift shows.
    if ('run' in trigger && !trigger.run(run)) {
      this.log(
        `${point.id}: the run moved on before the kill landed (killed in ${run.state})`,
      );
    }
    const snapshot: KillSnapshot = {
      point: point.id,
      state: run.state,
      audit: await this.options.db('audit_events').orderBy('id', 'asc'),
      run,
    };
    this.kills.push(snapshot);
    this.log(`killed ${victim!.name} at ${point.id} (run ${run.state})`);
    return snapshot;
  }

  /** Waits until the run is terminal, reading the database. */
  async untilTerminal(id: string, timeoutMs = 90_000): Promise<RunDetail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.runs.getRun(id);
      if (run && TERMINAL_RUN_STATES.includes(run.state)) return run;
      if (Date.now() > deadline) {
        throw new Error(
          `run ${id} still ${
            run?.state
          } after ${timeoutMs} ms: ${JSON.stringify(
            run?.transitions.map(t => `${t.to}: ${t.reason}`),
          )}`,
        );
      }
      await sleep(50);
    }
  }

  /** Waits until no run is active, so the next sequence starts clean. */
  async untilQuiet(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (
      (
        await this.runs.runIdsInStates([
          'approved',
          'starting',
          'running',
          'stopping',
        ])
      ).length > 0
    ) {
      if (Date.now() > deadline) {
        throw new Error(`runs still active after ${timeoutMs} ms`);
      }
      await sleep(50);
    }
  }
}
