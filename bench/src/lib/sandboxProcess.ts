import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxEndpoints } from '@internal/sandbox';
import { REPO_ROOT } from './paths';
import { sleep } from './stats';

/** Requests each upstream has served, as the sandbox's `GET /requests` counts them. */
export interface UpstreamRequests {
  arm: number;
  kubernetes: number;
  prometheus: number;
  total: number;
  clusters: Record<string, number>;
  apps: Record<string, number>;
}

/**
 * A sandbox world in its own process on ephemeral ports, so the load it takes
 * as the upstream never shares an event loop with the load generator.
 */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly stateDir: string,
    readonly endpoints: SandboxEndpoints,
  ) {}

  static async start(options: {
    topology?: string;
    speed?: number;
    /** Synthetic clients per Traffic Manager profile (the sandbox's default when absent). */
    clients?: number;
  }): Promise<SandboxProcess> {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sandbox-'));
    const args = [
      require.resolve('tsx/cli'),
      path.join(REPO_ROOT, 'packages', 'sandbox', 'src', 'main.ts'),
      '--ephemeral',
      '--quiet',
      '--state-dir',
      stateDir,
      '--speed',
      String(options.speed ?? 1),
      ...(options.topology ? ['--topology', options.topology] : []),
      ...(options.clients !== undefined
        ? ['--clients', String(options.clients)]
        : []),
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', d => {
      stderr = (stderr + d).slice(-4000);
    });
    const file = path.join(stateDir, 'endpoints.json');
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(file)) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`the sandbox did not start: ${stderr}`);
      }
      await sleep(100);
    }
    const endpoints = JSON.parse(fs.readFileSync(file, 'utf8'));
    return new SandboxProcess(child, stateDir, endpoints);
  }

  get caPath(): string {
    return path.join(this.stateDir, 'ca.pem');
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async control<T = any>(
    p: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const res = await fetch(`${this.endpoints.control}${p}`, {
      method: init.method ?? 'GET',
      ...(init.body !== undefined
        ? {
            body: JSON.stringify(init.body),
            headers: { 'content-type': 'application/json' },
          }
        : {}),
    });
    if (!res.ok) {
      throw new Error(`sandbox ${p}: ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as T;
  }

  requests(): Promise<UpstreamRequests> {
    return this.control('/requests');
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise(r => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}
