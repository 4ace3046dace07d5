import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildMessage, ChildStart } from './childBackend';

const CHILD_ENTRY = path.join(__dirname, 'childBackend.ts');
/** Loading the backend's modules takes seconds, more on a busy machine. */
const LOAD_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 60_000;

/** A backend child from its start order on, killable with SIGKILL. */
export interface StartingBackend {
  name: string;
  pid: number;
  logPath: string;
  /** CPU time its modules took to load (independent of the machine's load). */
  loadCpuMs: number;
  alive(): boolean;
  /** SIGKILL: no shutdown hook, no pending write, no lease released. */
  kill(): void;
  /** Resolves once the process is gone (after kill, or if it died). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A backend serving requests in a child process. */
export interface BackendProcess extends StartingBackend {
  baseUrl: string;
  /** How long it took from the start order to serving requests. */
  startMs: number;
}

interface Loaded {
  child: ChildProcess;
  name: string;
  logPath: string;
  loaded: Promise<number>;
  loadCpuMs?: number;
  exited: BackendProcess['exited'];
}

function nextMessage<T extends ChildMessage['type']>(
  loaded: Loaded,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const listeners: { done(): void } = { done: () => undefined };
    const timer = setTimeout(() => {
      listeners.done();
      reject(new Error(`${loaded.name}: no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message?.type === type) {
        listeners.done();
        resolve(message as Extract<ChildMessage, { type: T }>);
      }
    };
    const onExit = (code: number | null) => {
      listeners.done();
      const log = fs.existsSync(loaded.logPath)
        ? fs.readFileSync(loaded.logPath, 'utf8').slice(-3000)
        : '';
      reject(
        new Error(`${loaded.name} exited (${code}) before '${type}':\n${log}`),
      );
    };
    listeners.done = () => {
      clearTimeout(timer);
      loaded.child.off('message', onMessage);
      loaded.child.off('exit', onExit);
    };
    loaded.child.on('message', onMessage);
    loaded.child.on('exit', onExit);
  });
}

/**
 * Starts backends as child processes sharing whatever database their config
 * names. One child is always loading in the background (a warm standby), so
 * a restart after a kill costs the backend's start, not its module loading.
 */
export class BackendLauncher {
  private readonly standbys: Loaded[] = [];
  private count = 0;
  private readonly all: ChildProcess[] = [];

  private constructor(
    private readonly logDir: string,
    private readonly poolSize: number,
  ) {}

  /** `standbys`: children kept loading, for kills in quick succession. */
  static create(options: {
    logDir: string;
    standbys?: number;
  }): BackendLauncher {
    fs.mkdirSync(options.logDir, { recursive: true });
    return new BackendLauncher(options.logDir, options.standbys ?? 1);
  }

  private spawnChild(): Loaded {
    this.count += 1;
    const name = `backend-${this.count}`;
    const logPath = path.join(this.logDir, `${name}.log`);
    const log = fs.openSync(logPath, 'a');
    // Node itself with the transform `backstage-cli package start` uses (not
    // a CLI wrapper, whose grandchild a SIGKILL would orphan).
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        CHILD_ENTRY,
      ],
      {
        cwd: path.resolve(__dirname, '../../../..'),
        env: { ...process.env, NODE_ENV: 'test' },
        stdio: ['ignore', log, log, 'ipc'],
      },
    );
    fs.closeSync(log);
    this.all.push(child);
    const exited = new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
    }>(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve({ code: child.exitCode, signal: child.signalCode });
      } else {
        child.once('exit', (code, signal) => resolve({ code, signal }));
      }
    });
    const loaded: Loaded = {
      child,
      name,
      logPath,
      exited,
      loaded: Promise.resolve(0),
    };
    loaded.loaded = nextMessage(loaded, 'loaded', LOAD_TIMEOUT_MS).then(m => {
      loaded.loadCpuMs = m.cpuMs;
      return m.loadMs;
    });
    // Observed by start(); a standby never started must not fail the run.
    loaded.loaded.catch(() => undefined);
    return loaded;
  }

  /** Loads the next backends in the background. */
  prepare(count = this.poolSize): void {
    for (let i = this.standbys.length - 1; i >= 0; i--) {
      if (this.standbys[i].child.exitCode !== null) this.standbys.splice(i, 1);
    }
    while (this.standbys.length < count) {
      this.standbys.push(this.spawnChild());
    }
  }

  /** Resolves once `count` standbys have loaded (more are started if needed). */
  async warm(count: number): Promise<void> {
    this.prepare(Math.max(count, this.poolSize));
    await Promise.all(this.standbys.slice(0, count).map(s => s.loaded));
  }

  /**
   * Starts a backend with `config` (the warm standby when there is one).
   * `onStarting` gets a handle before the start order is sent: the backend
   * reconciles runs before it reports ready, and may be killed meanwhile.
   */
  async start(
    config: Record<string, unknown>,
    options: {
      logLevel?: ChildStart['logLevel'];
      keepStandby?: boolean;
      onStarting?: (handle: StartingBackend) => void;
    } = {},
  ): Promise<BackendProcess> {
    this.prepare(1);
    const loaded = this.standbys.shift()!;
    await loaded.loaded;
    const { child } = loaded;
    const handle: StartingBackend = {
      name: loaded.name,
      pid: child.pid!,
      logPath: loaded.logPath,
      loadCpuMs: loaded.loadCpuMs ?? 0,
      alive: () => child.exitCode === null && child.signalCode === null,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(child.pid!, 'SIGKILL');
        }
      },
      exited: loaded.exited,
    };
    options.onStarting?.(handle);
    const order: ChildStart = {
      type: 'start',
      config,
      logLevel: options.logLevel,
    };
    child.send(order);
    try {
      const ready = await nextMessage(loaded, 'ready', READY_TIMEOUT_MS);
      return {
        ...handle,
        baseUrl: `http://127.0.0.1:${ready.port}/api/nt-infra`,
        startMs: ready.startMs,
      };
    } finally {
      if (options.keepStandby !== false) {
        this.prepare();
      }
    }
  }

  /** Kills every child this launcher started, standby included. */
  async close(): Promise<void> {
    this.standbys.length = 0;
    await Promise.all(
      this.all.map(child => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return undefined;
        }
        const gone = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGKILL');
        return gone;
      }),
    );
  }
}
