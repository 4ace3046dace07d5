import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import fc from 'fast-check';
import { Server } from 'http';
import { Knex } from 'knex';
import request from 'supertest';
import {
  FixtureRepo,
  listPluginRoutes,
  reportFigures,
  startReliabilityBackend,
  tableCounts,
} from '../__testUtils__/reliabilityBackend';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';
import { FuzzCase, fuzzCase } from './__testUtils__/mutations';
import { ROUTES } from './__testUtils__/routeCatalog';

jest.setTimeout(180_000);

/** Fixed so a failure reproduces; override with NT_FUZZ_SEED to explore. */
const SEED = Number(process.env.NT_FUZZ_SEED ?? 20261126);
const RUNS_PER_ROUTE = Number(process.env.NT_FUZZ_RUNS ?? 80);

const figures = {
  seed: SEED,
  routes: 0,
  cases: 0,
  'answered 400': 0,
  'answered other 4xx': 0,
  'answered 2xx/3xx (noise ignored)': 0,
  failures: 0,
  'refusals audited': 0,
  'Object.prototype polluted': 0,
};

/** Audit rows of anything but a refusal. */
async function decidedRows(knex: Knex): Promise<number> {
  const [{ n }] = await knex('audit_events')
    .whereNot({ decision: 'denied' })
    .count({ n: '*' });
  return Number(n);
}

function pathOf(route: string, values: Record<string, string>) {
  return route.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    encodeURIComponent(values[name]),
  );
}

async function send(server: Server, route: string, c: FuzzCase) {
  const [method, template] = route.split(' ');
  const qs = new URLSearchParams(c.query).toString();
  const url = `/api/nt-infra${pathOf(template, c.pathValues)}${
    qs ? `?${qs}` : ''
  }`;
  let req = (request(server) as any)[method.toLowerCase()](url) as request.Test;
  req = req.set('Authorization', mockCredentials.user.header());
  for (const [name, value] of Object.entries(c.headers)) {
    req = req.set(name, value);
  }
  if (c.body !== undefined) {
    req = req
      .set('Content-Type', c.contentType ?? 'application/json')
      .send(c.body);
  }
  return req;
}

/** The field a 400 names: `Invalid body field 'limits.regions.0': ...`. */
function namedFields(message: string): string[] {
  const m = /^Invalid [a-z -]+ '(.*)': /i.exec(message.split('\n')[0]);
  return m ? m[1].split(', ') : [];
}

function check(c: FuzzCase, res: request.Response) {
  const message: string = res.body?.error?.message ?? res.text ?? '';
  const where = `${c.mutation} → ${res.status} ${message.slice(0, 300)}`;
  if (res.status >= 500) {
    throw new Error(`server error: ${where}`);
  }
  const e = c.expect;
  if (e.kind === 'no5xx') return;
  if (res.status < 400) {
    throw new Error(`accepted a bad request: ${where}`);
  }
  if (e.kind === '4xx') return;
  if (e.alsoNotFound && res.status === 404) return;
  // Node refuses a URL or header block that is too large before the app sees it.
  if (res.status === 414 || res.status === 431) return;
  if (res.status !== 400) {
    throw new Error(`expected 400 naming '${e.field}': ${where}`);
  }
  const named = namedFields(message);
  const field = e.field.toLowerCase();
  const ok =
    named.some(n => {
      const lower = n.toLowerCase();
      return lower === field || lower.startsWith(`${field}.`);
    }) ||
    // Nested validators (templates, window rules) name the inner field in their own words.
    (named.length === 0 && message.toLowerCase().includes(field));
  if (!ok) {
    throw new Error(`400 does not name '${e.field}': ${where}`);
  }
}

describe('bad input on every route', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  let knex: Knex;
  let server: Server;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
    knex = await databases.init('SQLITE_3');
    const backend = await startReliabilityBackend({ sandbox, knex, repo });
    server = backend.server as unknown as Server;
  });
  afterAll(async () => {
    figures['Object.prototype polluted'] = Object.keys(Object.prototype).length;
    reportFigures('bad input (fast-check)', figures);
    await sandbox?.stop();
    await repo?.cleanup();
  });

  it('has a fuzzing spec for every route of the router, and no stale one', () => {
    const live = listPluginRoutes(server).sort();
    expect(live).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(ROUTES))(
    '%s: no 5xx, a 400 naming the field, nothing written',
    async route => {
      const spec = ROUTES[route];
      const before = await tableCounts(knex);
      const allowedBefore = await decidedRows(knex);
      figures.routes += 1;
      try {
        await fc.assert(
          fc.asyncProperty(fuzzCase(spec), async c => {
            figures.cases += 1;
            const res = await send(server, route, c);
            if (res.status === 400) figures['answered 400'] += 1;
            else if (res.status >= 400 && res.status < 500)
              figures['answered other 4xx'] += 1;
            else if (res.status < 400)
              figures['answered 2xx/3xx (noise ignored)'] += 1;
            check(c, res);
          }),
          {
            seed: SEED,
            numRuns: spec.runs ?? RUNS_PER_ROUTE,
            endOnFailure: true,
          },
        );
      } catch (error) {
        figures.failures += 1;
        throw error;
      }
      // Rejected requests change nothing: not a run, window, change request or
      // key. The only row they may add is the audit trail's record of a refusal.
      const after = await tableCounts(knex);
      const allowedAfter = await decidedRows(knex);
      figures['refusals audited'] += after.audit_events - before.audit_events;
      expect({ ...after, audit_events: allowedAfter }).toEqual({
        ...before,
        audit_events: allowedBefore,
      });
    },
  );

  it('leaves Object.prototype clean after every hostile key', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
