import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { BACKEND_DIR, REPO_ROOT } from './paths';
import { sleep } from './stats';

/** A port nothing listens on now (never one of the fixed ports others use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real portal backend (packages/backend, every plugin) in a child
 * process, started the way `backstage-cli package start` starts it (Node with
 * Backstage's TypeScript transform), with app-config.yaml plus the
 * benchmark's overrides.
 */
export class BackendProcess {
  private token?: string;

  private constructor(
    private readonly child: ChildProcess,
    private readonly workDir: string,
    readonly baseUrl: string,
    /** From spawn to the readiness endpoint answering 200, in seconds. */
    readonly startupSeconds: number,
    private readonly logFile: string,
  ) {}

  /** `config` gets the process's own temp folder, for its database files. */
  static async start(
    config: (workDir: string) => Record<string, unknown>,
    options: { port: number },
  ): Promise<BackendProcess> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backend-'));
    const configFile = path.join(workDir, 'app-config.bench.yaml');
    fs.writeFileSync(configFile, stringify(config(workDir)));
    const logFile = path.join(workDir, 'backend.log');
    const log = fs.openSync(logFile, 'a');
    const transform = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      { paths: [REPO_ROOT] },
    );
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        transform,
        'src/index.ts',
        '--config',
        path.join(REPO_ROOT, 'app-config.yaml'),
        // The local layer: guest sign-in, which the benchmark uses.
        '--config',
        path.join(REPO_ROOT, 'app-config.development.yaml'),
        '--config',
        configFile,
      ],
      {
        cwd: BACKEND_DIR,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          ESBK_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'),
        },
      },
    );
    fs.closeSync(log);
    const baseUrl = `http://localhost:${options.port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(
          `the backend exited with ${child.exitCode}: ${tail(logFile)}`,
        );
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the backend was not ready in 180 s: ${tail(logFile)}`);
      }
      try {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        if (res.ok) break;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    const startupSeconds = (performance.now() - started) / 1000;
    return new BackendProcess(child, workDir, baseUrl, startupSeconds, logFile);
  }

  get pid(): number {
    return this.child.pid!;
  }

  rssMiB(): number | undefined {
    return rssMiB(this.pid);
  }

  /** A guest's Backstage token (the local guest is the portal's admin). */
  async authToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(
      `${this.baseUrl}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      },
    );
    if (!res.ok) {
      throw new Error(
        `guest sign-in failed: ${res.status} ${await res.text()}`,
      );
    }
    const body = (await res.json()) as { backstageIdentity: { token: string } };
    this.token = body.backstageIdentity.token;
    return this.token;
  }

  async api<T = any>(
    p: string,
    init: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
      timeoutMs?: number;
    } = {},
  ): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/nt-infra${p}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${await this.authToken()}`,
        ...(init.body !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.timeoutMs
        ? { signal: AbortSignal.timeout(init.timeoutMs) }
        : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${text}`);
    }
    return JSON.parse(text) as T;
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise(r => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    if (process.env.BENCH_KEEP_LOGS) return;
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  logTail(): string {
    return tail(this.logFile);
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}
