import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, Page } from 'playwright-core';
import type { BenchContext } from '../lib/context';
import { startDefaultWorld } from '../lib/defaultWorld';
import { APP_DIR, BACKSTAGE_CLI } from '../lib/paths';
import type { FigureResult } from '../lib/results';
import { formatSpread, round, spread } from '../lib/stats';

// The flags playwright.config.ts gives Debian's Chromium.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The production build of packages/app, as `backstage-cli package build` writes it. */
function buildApp(): Promise<number> {
  const cli = BACKSTAGE_CLI;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'package', 'build'],
      {
        cwd: APP_DIR,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NODE_ENV: 'production' },
      },
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`app build failed: ${stderr.slice(-1000)}`))
          : resolve((performance.now() - started) / 1000),
    );
  });
}

interface Chunk {
  file: string;
  gzip: number;
  /** Gzipped bytes attributed to plugins/nt-infra and nt-infra-common. */
  ntInfraGzip: number;
}

const PLUGIN_SOURCE = /plugins\/nt-infra(-common)?\//;

/**
 * Every JavaScript and CSS chunk of the build, gzipped. A chunk's bytes are
 * attributed to the plugin in proportion to how much of its source (by the
 * source map's sourcesContent) comes from plugins/nt-infra or -common, since
 * the bundler mixes the plugin's modules into shared chunks.
 */
function chunks(dist: string): Chunk[] {
  const dir = path.join(dist, 'static');
  return fs
    .readdirSync(dir)
    .filter(f => /\.(js|css)$/.test(f))
    .map(file => {
      const gzip = zlib.gzipSync(fs.readFileSync(path.join(dir, file))).length;
      const mapFile = path.join(dir, `${file}.map`);
      let fraction = 0;
      if (fs.existsSync(mapFile)) {
        const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
        const sources: string[] = map.sources ?? [];
        const contents: (string | null)[] = map.sourcesContent ?? [];
        let ours = 0;
        let total = 0;
        sources.forEach((source, i) => {
          const size = contents[i]?.length ?? 0;
          total += size;
          if (PLUGIN_SOURCE.test(source)) ours += size;
        });
        fraction = total > 0 ? ours / total : 0;
      }
      return { file, gzip, ntInfraGzip: gzip * fraction };
    });
}

const kib = (bytes: number) => `${round(bytes / 1024)} KiB`;

/**
 * Figure 5, first half: the production build of packages/app and the
 * plugin's share of it (gzip). Runs before the backend that serves the
 * built app starts (the app-backend reads dist/ when it starts).
 */
export async function measureBundle(ctx: BenchContext): Promise<void> {
  const dist = path.join(APP_DIR, 'dist');
  let buildSeconds: number | undefined;
  if (ctx.reuseAppBuild && fs.existsSync(path.join(dist, 'index.html'))) {
    ctx.log('measuring the existing packages/app/dist (--reuse-app-build)');
  } else {
    ctx.log('building packages/app (production)');
    buildSeconds = await buildApp();
  }
  const all = chunks(dist);
  const ours = all.filter(c => c.ntInfraGzip > 0);
  const total = all.reduce((a, c) => a + c.gzip, 0);
  const ntInfraGzip = ours.reduce((a, c) => a + c.ntInfraGzip, 0);
  const restGzip = total - ntInfraGzip;
  const largest = [...ours]
    .sort((a, b) => b.ntInfraGzip - a.ntInfraGzip)
    .slice(0, 3);
  ctx.bundle = {
    pluginShare: ntInfraGzip / (ntInfraGzip + restGzip),
    details: [
      {
        label: 'nt-infra plugin chunks (gzip)',
        value: kib(ntInfraGzip),
        note: `in ${ours.length} chunk(s), by source-map share; largest ${
          largest.map(c => `${c.file} ${kib(c.ntInfraGzip)}`).join(', ') ||
          'none found'
        }`,
      },
      {
        label: 'rest of the app (gzip)',
        value: kib(restGzip),
        note: `${all.length} chunks in all, ${kib(total)}; ${
          buildSeconds === undefined
            ? 'existing build'
            : `build took ${round(buildSeconds)} s`
        }`,
      },
      {
        label: 'plugin share of the gzip bundle',
        value: `${round((100 * ntInfraGzip) / (ntInfraGzip + restGzip))} %`,
      },
    ],
  };
}

/**
 * Figure 5: time from navigation to the regions overview showing live data,
 * in headless Chromium against the built app served by the backend's
 * app-backend, next to the bundle numbers above.
 */
export async function frontend(ctx: BenchContext): Promise<FigureResult> {
  if (!ctx.bundle) await measureBundle(ctx);
  const reps = ctx.quick ? 3 : 7;
  const world =
    ctx.takeWorld() ?? (await startDefaultWorld(ctx, 'frontend', { speed: 1 }));
  const times: number[] = [];
  let cold: number | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const base = world.backend.baseUrl;
    // Signing in is not part of the figure: once, as the e2e tests do.
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('link', { name: 'Infrastructure' })
      .waitFor({ timeout: 60_000 });
    for (let i = 0; i <= reps; i++) {
      const t = performance.now();
      await page.goto(`${base}/nt-infra/overview`);
      await waitForProductionData(page, 60_000);
      const seconds = (performance.now() - t) / 1000;
      // The first navigation loads the bundle cold; the rest are a returning viewer.
      if (i === 0) cold = seconds;
      else times.push(seconds);
    }
  } finally {
    await browser.close();
    await world.stop();
  }
  const s = spread(times);
  return {
    name: 'Frontend: navigation → regions overview data visible',
    unit: 's',
    value: round(s.median),
    min: round(s.min),
    max: round(s.max),
    repetitions: s.n,
    target:
      'none set by the issue (reported); the plugin’s gzip share beside the app',
    details: [
      {
        label: 'navigation → regions overview data visible (warm cache)',
        value: formatSpread(s, 's'),
      },
      {
        label: 'first visit of the page after sign-in',
        value: cold === undefined ? '—' : `${round(cold)} s`,
      },
      ...(ctx.bundle?.details ?? []),
      {
        label: 'method',
        value:
          'headless Chromium (/usr/bin/chromium) via playwright-core; app built by backstage-cli, served by the backend',
      },
    ],
  };
}

/**
 * Until the overview shows data, not a spinner: the East US row of the
 * production environment's live table and its Traffic Manager profile.
 */
export async function waitForProductionData(page: Page, timeout: number) {
  const production = page.getByLabel('Environment production');
  await production
    .getByRole('row')
    .nth(1)
    .getByText('East US')
    .waitFor({ timeout });
  await production.getByText('tm-ntai-production').first().waitFor({ timeout });
}
