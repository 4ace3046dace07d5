/*
 * A whole backend in its own process, for tests that kill it with SIGKILL:
 * `node --require @backstage/cli/config/nodeTransform.cjs childBackend.ts`
 * with an IPC channel. It loads every module first and reports `loaded`; it
 * starts only when the parent sends `start` with its app-config (sandbox
 * endpoints, database, run settings), so a parent can keep warm standbys
 * while another child runs. Serving, it reports `ready` with its port.
 * Test-only: callers authenticate with mock user tokens and every
 * permission is allowed, as in the plugin's own integration tests.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ntInfraPlugin } from '../../../plugin';
// Subpath imports above: the package root also loads every URL reader (AWS,
// GCS, Azure Blob), seconds of start-up a crash test pays at every restart.

/** Messages from the child to its parent. */
export type ChildMessage =
  | { type: 'loaded'; loadMs: number; cpuMs: number }
  | { type: 'ready'; port: number; startMs: number };

/** The parent's order to start, with the app-config. */
export interface ChildStart {
  type: 'start';
  config: Record<string, unknown>;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

function send(message: ChildMessage) {
  process.send?.(message);
}

function startOrder(): Promise<ChildStart> {
  return new Promise(resolve => {
    const onMessage = (message: ChildStart) => {
      if (message?.type === 'start') {
        process.off('message', onMessage);
        resolve(message);
      }
    };
    process.on('message', onMessage);
  });
}

async function main() {
  const cpu = process.cpuUsage();
  send({
    type: 'loaded',
    loadMs: Math.round(process.uptime() * 1000),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  });

  const { config, logLevel } = await startOrder();
  const started = Date.now();
  const backend = await startTestBackend({
    features: [
      ntInfraPlugin,
      mockServices.rootConfig.factory({
        data: config as NonNullable<
          Parameters<typeof mockServices.rootConfig.factory>[0]
        >['data'],
      }),
      // The real database manager (per-plugin databases on PostgreSQL, its
      // pool) and the real scheduler, which ticks the reconciler.
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.permissions.factory({
        result: AuthorizeResult.ALLOW,
      }),
      // Not the default root logger: it compiles every config schema from
      // TypeScript on start (seconds), to know what to redact.
      mockServices.rootLogger.factory({ level: logLevel ?? 'info' }),
    ],
  });
  send({
    type: 'ready',
    port: backend.server.port(),
    startMs: Date.now() - started,
  });
}

// Never outlive the parent (a test runner that dies must not leave a
// backend reconciling runs on its own).
process.on('disconnect', () => process.exit(0));

main().catch(error => {
  // The parent reads this from the child's log and fails the test with it.
  process.stderr.write(
    `childBackend failed to start: ${error?.stack ?? error}\n`,
  );
  process.exit(1);
});
