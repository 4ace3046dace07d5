import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestSandbox } from '@internal/sandbox';
import { Server } from 'http';
import { Knex } from 'knex';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../../plugin';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';

export type FixtureRepo = Awaited<ReturnType<typeof createFixtureRepo>>;

/**
 * The whole nt-infra plugin on a database the test holds (to count rows),
 * pointed at a sandbox world, with a throwaway copy of the repository's IaC
 * behind GitOps and the experiment library.
 */
export async function startReliabilityBackend(options: {
  sandbox: TestSandbox;
  knex: Knex;
  repo: FixtureRepo;
  environment?: 'staging' | 'production';
  /** Permission decisions: everything allowed unless given. */
  permissions?: ReturnType<typeof mockServices.permissions.factory>;
  /** Run the real scheduler so the reconciler ticks. */
  reconcile?: boolean;
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
  /** What the catalog holds (the resilience score reads entities from it). */
  entities?: Entity[];
  /** How long upstream reads are cached; 0 (the default) reads through every time. */
  refreshIntervalSeconds?: number;
  /** Edits the `ntInfra` section before the backend starts (retries, DNS servers). */
  configure?: (ntInfra: Record<string, any>) => void;
}) {
  const base = sandboxConfig(options.sandbox.endpoints, {
    environment: options.environment ?? 'production',
    refreshIntervalSeconds: options.refreshIntervalSeconds,
  });
  const ntInfra: Record<string, any> = {
    ...base.ntInfra,
    repository: { root: options.repo.root },
    gitops: { provider: 'local', local: { remote: options.repo.remote } },
  };
  options.configure?.(ntInfra);
  const backend = await startTestBackend({
    features: [
      ntInfraPlugin,
      mockServices.rootConfig.factory({
        data: { ...base, ntInfra },
      }),
      mockServices.database.factory({ knex: options.knex }),
      options.permissions ??
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootLogger.factory({ level: 'error' }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      ...(options.reconcile ? [schedulerServiceFactory] : []),
      ...(options.extraFeatures ?? []),
    ],
  });
  return backend;
}

export type RouteKey = `${
  | 'GET'
  | 'POST'
  | 'PUT'
  | 'PATCH'
  | 'DELETE'} ${string}`;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route of the nt-infra router, read from the running server's express
 * stack: the router is the one that holds `/runs/chaos/preview`. A route
 * added without a test entry shows up here and fails the coverage check.
 */
export function listPluginRoutes(server: Server): RouteKey[] {
  const app = server.listeners('request')[0] as unknown as {
    _router?: { stack: Layer[] };
    stack?: Layer[];
  };
  const routers: Layer[][] = [];
  const walk = (stack: Layer[]) => {
    routers.push(stack);
    for (const layer of stack) {
      if (layer.handle?.stack && !layer.route) walk(layer.handle.stack);
    }
  };
  walk(app._router?.stack ?? app.stack ?? []);
  const ours = routers.find(stack =>
    stack.some(l => l.route?.path === '/runs/chaos/preview'),
  );
  if (!ours) {
    throw new Error('the nt-infra router was not found in the express stack');
  }
  return ours
    .filter(l => l.route)
    .flatMap(l =>
      Object.keys(l.route!.methods)
        .filter(m => m !== '_all')
        .map(m => `${m.toUpperCase()} ${l.route!.path}` as RouteKey),
    );
}

/** Row counts of every table of the plugin's database. */
export async function tableCounts(knex: Knex): Promise<Record<string, number>> {
  const client = knex.client.config.client as string;
  const tables: string[] =
    client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where({ table_schema: knex.raw('current_schema()') })
            .select('table_name')
        ).map((r: { table_name: string }) => r.table_name)
      : (await knex('sqlite_master').where({ type: 'table' }).select('name'))
          .map((r: { name: string }) => r.name)
          .filter((n: string) => !n.startsWith('sqlite_'));
  const counts: Record<string, number> = {};
  for (const table of tables.sort()) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

/** Prints a suite's figures where CI logs show them. */
export function reportFigures(suite: string, figures: Record<string, unknown>) {
  const lines = Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`);
  // eslint-disable-next-line no-console
  console.log(`[reliability] ${suite}\n${lines.join('\n')}`);
}
