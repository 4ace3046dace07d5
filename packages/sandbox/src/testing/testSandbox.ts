import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningSandbox, SandboxOptions, startSandbox } from '../startSandbox';

/** For tests and benchmarks: a sandbox on ephemeral ports in a temp dir, with control-API helpers. */
export type TestSandbox = RunningSandbox & {
  stateDir: string;
  control<T = any>(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<T>;
  state(): Promise<any>;
  worldNow(): Promise<number>;
};

export async function startTestSandbox(
  options: SandboxOptions = {},
): Promise<TestSandbox> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  const sandbox = await startSandbox({
    ports: 'ephemeral',
    stateDir,
    speed: 20,
    // Tests that need history ask for it: filling it costs seconds on a busy machine.
    metricsHistoryMinutes: 0,
    budgetHistoryHours: 0,
    ...options,
  });
  const control = async (
    p: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const res = await fetch(`${sandbox.endpoints.control}${p}`, {
      method: init.method ?? 'GET',
      ...(init.body !== undefined
        ? {
            body: JSON.stringify(init.body),
            headers: { 'content-type': 'application/json' },
          }
        : {}),
    });
    return res.json();
  };
  return {
    ...sandbox,
    stateDir,
    control,
    state: () => control('/state'),
    worldNow: async () => (await control('/clock')).worldTimeMs,
    async stop() {
      await sandbox.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs` (real). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${last ? `: ${last}` : ''}`,
      );
    await new Promise(r => setTimeout(r, everyMs));
  }
}

/** Resolves once every endpoint of the first profile has been probed Online. */
export function waitForOnline(sandbox: TestSandbox) {
  return waitFor(async () => {
    const s = await sandbox.state();
    return s.trafficManager[0].endpoints.every(
      (e: any) => e.endpointMonitorStatus === 'Online',
    );
  });
}
