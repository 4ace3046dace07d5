import path from 'node:path';
import type { SandboxEndpoints } from '@internal/sandbox';
import { backendConfig, BackendConfigOptions } from './backendConfig';
import { BackendProcess, freePort } from './backendProcess';
import type { World } from './defaultWorld';
import type { Detail } from './results';

/** What every figure shares: options, and the start-up/RSS samples figure 6 reports. */
export class BenchContext {
  readonly startups: {
    label: string;
    seconds: number;
    rssAtRestMiB?: number;
    /** Started beside another backend: its start-up time is not a clean sample. */
    concurrent: boolean;
  }[] = [];
  readonly rssUnderLoadMiB: number[] = [];

  /** The production bundle's numbers, measured before any backend serves the built app. */
  bundle?: { details: Detail[]; pluginShare: number };
  /** A default world (backend serving the built app) one figure leaves for the next. */
  private sharedWorld?: World;

  constructor(
    readonly quick: boolean,
    /** Measure the existing packages/app/dist instead of building it again. */
    readonly reuseAppBuild = false,
  ) {}

  shareWorld(world: World) {
    this.sharedWorld = world;
  }

  takeWorld(): World | undefined {
    const world = this.sharedWorld;
    this.sharedWorld = undefined;
    return world;
  }

  async close() {
    await this.takeWorld()?.stop();
  }

  log(message: string) {
    // eslint-disable-next-line no-console
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  }

  /** Starts a portal backend on its own port and SQLite folder, recording its start-up. */
  async startBackend(
    label: string,
    options: Omit<BackendConfigOptions, 'port' | 'sqliteDir'> & {
      endpoints: SandboxEndpoints;
    },
    how: { concurrent?: boolean } = {},
  ): Promise<BackendProcess> {
    const port = await freePort();
    const backend = await BackendProcess.start(
      workDir =>
        backendConfig({
          ...options,
          port,
          sqliteDir: path.join(workDir, 'sqlite'),
        }),
      { port },
    );
    // At rest: after the start-up burst (catalog ingestion, migrations) settles.
    await new Promise(r => setTimeout(r, 2000));
    this.startups.push({
      label,
      seconds: backend.startupSeconds,
      rssAtRestMiB: backend.rssMiB(),
      concurrent: how.concurrent ?? false,
    });
    this.log(
      `backend ${label} ready in ${backend.startupSeconds.toFixed(1)} s on ${
        backend.baseUrl
      }`,
    );
    return backend;
  }

  /** Samples a process's RSS every 250 ms while `work` runs; returns the peak too. */
  async sampleRss<T>(
    backend: BackendProcess,
    work: () => Promise<T>,
  ): Promise<{ result: T; peakMiB?: number }> {
    let peak: number | undefined;
    const timer = setInterval(() => {
      const rss = backend.rssMiB();
      if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
    }, 250);
    try {
      const result = await work();
      return { result, peakMiB: peak };
    } finally {
      clearInterval(timer);
    }
  }
}
