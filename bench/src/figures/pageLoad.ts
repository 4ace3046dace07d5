import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { stringify } from 'yaml';
import { freePort } from '../lib/backendProcess';
import type { BenchContext } from '../lib/context';
import { startDefaultWorld } from '../lib/defaultWorld';
import { APP_DIR, BACKSTAGE_CLI, REPO_ROOT } from '../lib/paths';
import type { FigureResult } from '../lib/results';
import { formatSpread, round, sleep, spread } from '../lib/stats';
import {
  CHROMIUM_ARGS,
  measureBundle,
  waitForProductionData,
} from './frontend';

const TARGET_SECONDS = 3;

/**
 * `backstage-cli package start` of packages/app, as `./portal start --dev`
 * runs it, against the benchmark's backend. Resolves once it serves the
 * page (the dev middleware holds requests until the bundle is compiled).
 */
async function startDevServer(
  port: number,
  backendUrl: string,
): Promise<{ child: ChildProcess; seconds: number; stop(): Promise<void> }> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-devserver-'));
  const configFile = path.join(workDir, 'app-config.dev.yaml');
  const baseUrl = `http://localhost:${port}`;
  fs.writeFileSync(
    configFile,
    stringify({
      app: { baseUrl, listen: { host: '127.0.0.1', port } },
      backend: { baseUrl: backendUrl },
    }),
  );
  const logFile = path.join(workDir, 'devserver.log');
  const log = fs.openSync(logFile, 'a');
  const cli = BACKSTAGE_CLI;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      cli,
      'package',
      'start',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      path.join(REPO_ROOT, 'app-config.development.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: APP_DIR,
      stdio: ['ignore', log, log],
      // Its own process group, so stopping it stops its workers too.
      detached: true,
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
    },
  );
  fs.closeSync(log);
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise(r => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 900_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-2000);
      await stop();
      throw new Error(`the development server did not start: ${tail}`);
    }
    try {
      const res = await fetch(baseUrl, {
        signal: AbortSignal.timeout(600_000),
      });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  return { child, seconds: (performance.now() - started) / 1000, stop };
}

/**
 * Cold full page loads of /nt-infra until the overview shows data: each in
 * a new browser context (empty HTTP cache, as a first visit or a hard
 * reload), signed in by the remembered guest choice as a returning user.
 * One signed-in visit first, not counted: it signs in and warms the server.
 */
async function coldLoads(
  browser: Browser,
  base: string,
  reps: number,
): Promise<number[]> {
  const signIn = await browser.newContext();
  const page = await signIn.newPage();
  await page.goto(`${base}/`, { timeout: 600_000 });
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 300_000 });
  await page
    .getByRole('link', { name: 'Infrastructure' })
    .waitFor({ timeout: 300_000 });
  const storageState = await signIn.storageState();
  await signIn.close();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const context = await browser.newContext({ storageState });
    try {
      const p = await context.newPage();
      const t = performance.now();
      await p.goto(`${base}/nt-infra`, { timeout: 300_000 });
      await waitForProductionData(p, 300_000);
      times.push((performance.now() - t) / 1000);
    } finally {
      await context.close();
    }
  }
  return times;
}

/**
 * Cold full page load of /nt-infra with data, in the same run: the
 * production build the backend serves (`./portal start`) against the
 * development server (`./portal start --dev`), both talking to one backend.
 */
export async function pageLoad(ctx: BenchContext): Promise<FigureResult> {
  if (!ctx.bundle) await measureBundle(ctx);
  const reps = ctx.quick ? 3 : 5;
  const devPort = await freePort();
  const devUrl = `http://localhost:${devPort}`;
  const world = await startDefaultWorld(ctx, 'page-load', {
    speed: 1,
    extraCorsOrigins: [devUrl],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let production: number[];
  let development: number[];
  let devStartSeconds: number;
  try {
    ctx.log('cold loads of the production build served by the backend');
    production = await coldLoads(browser, world.backend.baseUrl, reps);
    ctx.log('starting the development server (compiles the bundle)');
    const dev = await startDevServer(devPort, world.backend.baseUrl);
    devStartSeconds = dev.seconds;
    try {
      ctx.log(`development server ready in ${round(dev.seconds)} s`);
      development = await coldLoads(browser, devUrl, reps);
    } finally {
      await dev.stop();
    }
  } finally {
    await browser.close();
    await world.stop();
  }
  const prod = spread(production);
  const dev = spread(development);
  const met = prod.median <= TARGET_SECONDS;
  return {
    name: 'Page load: cold /nt-infra → data visible, production build',
    unit: 's',
    value: round(prod.median),
    min: round(prod.min),
    max: round(prod.max),
    repetitions: prod.n,
    target: `≤ ${TARGET_SECONDS} s (issue #19), against the development server in the same run`,
    ...(met
      ? {}
      : {
          limitedBy: `median ${round(
            prod.median,
          )} s over the ${TARGET_SECONDS} s target on this machine`,
        }),
    details: [
      {
        label: 'production build served by the backend (`./portal start`)',
        value: formatSpread(prod, 's'),
      },
      {
        label: 'development server (`./portal start --dev`)',
        value: formatSpread(dev, 's'),
        note: `${round(
          dev.median / prod.median,
        )}× the production build's median`,
      },
      {
        label: 'development server start → first page served (compile)',
        value: `${round(devStartSeconds)} s`,
      },
      ...(ctx.bundle?.details ?? []),
      {
        label: 'method',
        value:
          'headless Chromium (/usr/bin/chromium) via playwright-core; each load in a new context (empty HTTP cache), signed in as the remembered guest; navigation → East US row and the Traffic Manager profile of production visible; one backend for both',
      },
    ],
  };
}
