import { mockCredentials } from '@backstage/backend-test-utils';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { Server } from 'http';
import request from 'supertest';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { createFixtureRepo } from '../../services/gitops/__testUtils__/fixtureRepo';
import {
  FixtureRepo,
  reportFigures,
  startReliabilityBackend,
} from '../__testUtils__/reliabilityBackend';

jest.setTimeout(240_000);

const stopConditions = [
  // Holds unless the region is far gone: the runs below end by halt, not by SLO.
  {
    metric: 'ntai:availability:ratio_rate5m',
    op: '<',
    threshold: 0.1,
    for: '5m',
  },
];
const podFailure = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '10m',
  mode: 'one',
  stopConditions,
};
const chaosBody = {
  environment: 'staging',
  regions: ['westus'],
  template: podFailure,
};
const ACTIVE = ['approved', 'starting', 'running', 'stopping'];

describe('concurrency', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox;
  let repo: FixtureRepo;
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repo = await createFixtureRepo();
  });
  afterAll(async () => {
    reportFigures('concurrency', figures);
    await sandbox?.stop();
    await repo?.cleanup();
  });
  afterEach(() => sandbox.control('/reset', { method: 'POST' }));

  const as = (server: Server, user = 'user:default/alice') => ({
    post: (path: string, body: unknown, key?: string) => {
      let req = request(server)
        .post(`/api/nt-infra${path}`)
        .set('Authorization', mockCredentials.user.header(user));
      if (key) req = req.set('Idempotency-Key', key);
      return req.send(body as object);
    },
    get: (path: string) =>
      request(server)
        .get(`/api/nt-infra${path}`)
        .set('Authorization', mockCredentials.user.header(user)),
  });

  it.each(databases.eachSupportedId())(
    '100 identical triggers with one Idempotency-Key make exactly one run (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        sandbox,
        knex,
        repo,
        environment: 'staging',
        // Region health is read once for the burst, as between two refreshes in production.
        refreshIntervalSeconds: 30,
      });
      const alice = as(server as unknown as Server);
      const responses = await Promise.all(
        Array.from({ length: 100 }, () =>
          alice.post('/runs/chaos', chaosBody, 'one-trigger'),
        ),
      );
      const statuses = responses.map(r => r.status);
      const ids = new Set(
        responses.filter(r => r.status < 300).map(r => r.body.id),
      );
      const [{ n: runs }] = await knex('runs').count({ n: '*' });
      const [{ n: started }] = await knex('audit_events')
        .where({ action: 'chaos.run.start', decision: 'allowed' })
        .count({ n: '*' });
      figures[`triggers (${databaseId})`] = responses.length;
      figures[`runs from 100 triggers (${databaseId})`] = Number(runs);
      figures[`201 answers (${databaseId})`] = statuses.filter(
        s => s === 201,
      ).length;
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.every(s => s === 200 || s === 201)).toBe(true);
      expect(ids.size).toBe(1);
      expect(Number(runs)).toBe(1);
      expect(Number(started)).toBe(1);

      // The same key with another body is a conflict, not a second run.
      const other = await alice.post(
        '/runs/chaos',
        { ...chaosBody, title: 'something else' },
        'one-trigger',
      );
      expect(other.status).toBe(409);
      const [{ n: after }] = await knex('runs').count({ n: '*' });
      expect(Number(after)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'concurrent approvals of one window approve it once (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        sandbox,
        knex,
        repo,
        environment: 'production',
      });
      const soon = (hours: number) =>
        new Date(
          Math.ceil(Date.now() / 3_600_000) * 3_600_000 +
            (24 + hours) * 3_600_000,
        ).toISOString();
      const requested = await as(server as unknown as Server).post('/windows', {
        environment: 'production',
        startsAt: soon(0),
        endsAt: soon(1),
        reason: 'concurrency',
        limits: {
          experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
          regions: ['eastus'],
          maxFraction: 0.1,
          stopConditions,
        },
      });
      expect(requested.status).toBe(201);
      const id = requested.body.id;
      const approvers = Array.from(
        { length: 20 },
        (_, i) => `user:default/approver-${i % 5}`,
      );
      const responses = await Promise.all(
        approvers.map((user, i) =>
          as(server as unknown as Server, user).post(
            `/windows/${id}/${i % 4 === 3 ? 'reject' : 'approve'}`,
            { comment: `decision ${i}` },
          ),
        ),
      );
      const ok = responses.filter(r => r.status === 200);
      figures[`window decisions (${databaseId})`] = responses.length;
      figures[`decisions that won (${databaseId})`] = ok.length;
      expect(ok).toHaveLength(1);
      expect(responses.every(r => r.status === 200 || r.status === 409)).toBe(
        true,
      );
      const [{ n: decisions }] = await knex('audit_events')
        .whereIn('action', ['window.approve', 'window.reject'])
        .where({ decision: 'allowed' })
        .count({ n: '*' });
      expect(Number(decisions)).toBe(1);
      const window = await as(server as unknown as Server).get(
        `/windows/${id}`,
      );
      expect(window.body.state).toBe(ok[0].body.state);
    },
  );

  it.each(databases.eachSupportedId())(
    'halt-all during a burst of starts: nothing starts after the halt, no fault remains (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        sandbox,
        knex,
        repo,
        environment: 'staging',
        reconcile: true,
        refreshIntervalSeconds: 30,
      });
      const srv = server as unknown as Server;
      const alice = as(srv);
      const since = Math.max(
        0,
        ...(await sandbox.control('/events')).events.map(
          (e: { seq: number }) => e.seq,
        ),
      );
      const burst: Array<Promise<request.Response>> = [];
      let halt: request.Response | undefined;
      // A request is sent when it is awaited: start each now, 60 ms apart,
      // and pull the switch while earlier ones are still being decided.
      for (let i = 0; i < 30; i++) {
        burst.push(
          Promise.resolve(alice.post('/runs/chaos', chaosBody, `burst-${i}`)),
        );
        await new Promise(r => setTimeout(r, 60));
        if (i === 15) {
          // The first start is decided before the switch is pulled, however
          // slow the machine: the burst must contain both outcomes.
          await burst[0];
          halt = await as(srv, 'user:default/bob').post('/halt', {
            reason: 'concurrency test',
          });
        }
      }
      const answers = await Promise.all(burst);
      expect(halt?.status).toBe(200);
      const haltedAt = Date.parse(halt!.body.changedAt);

      // The switch sweeps and the reconciler ends every run.
      const runs = await waitFor(async () => {
        const list = await alice.get('/runs?kind=chaos&limit=200');
        const items = list.body.items as RunDetail[];
        return items.every(r => !ACTIVE.includes(r.state)) && items;
      }, 60_000);
      await waitFor(
        async () => (await sandbox.state()).chaos.length === 0,
        30_000,
      );

      const details: RunDetail[] = await Promise.all(
        runs.map(async r => (await alice.get(`/runs/${r.id}`)).body),
      );
      const lateStarts = details.flatMap(d =>
        d.transitions
          .filter(
            t =>
              ['starting', 'running'].includes(t.to) &&
              Date.parse(t.at) > haltedAt,
          )
          .map(t => `${d.id} ${t.to} at ${t.at}`),
      );
      type WorldEvent = {
        seq: number;
        wallTime: string;
        data: { cluster: string; name: string };
      };
      const eventsOf = async (type: string): Promise<WorldEvent[]> =>
        (await sandbox.control(`/events?type=${type}`)).events.filter(
          (e: WorldEvent) => e.seq > since,
        );
      const created = await eventsOf('chaos.created');
      const deleted = await eventsOf('chaos.deleted');
      // A fault whose creation raced the switch by milliseconds is deleted at
      // once, and its run is never reported running.
      const raced = created.filter(e => Date.parse(e.wallTime) > haltedAt);
      const lingered = raced.filter(e => {
        const gone = deleted.find(
          d => d.data.cluster === e.data.cluster && d.data.name === e.data.name,
        );
        return (
          !gone || Date.parse(gone.wallTime) - Date.parse(e.wallTime) > 2_000
        );
      });
      figures[`starts sent (${databaseId})`] = answers.length;
      figures[`starts refused by the halt (${databaseId})`] = answers.filter(
        a => a.status === 409,
      ).length;
      figures[`runs recorded in the burst (${databaseId})`] = runs.length;
      figures[`runs whose fault reached the cluster (${databaseId})`] =
        created.length;
      figures[`runs started after the halt (${databaseId})`] =
        lateStarts.length;
      figures[
        `faults that raced the halt, removed within 2 s (${databaseId})`
      ] = raced.length - lingered.length;
      figures[`faults that outlived the halt (${databaseId})`] =
        lingered.length;
      expect(answers.every(a => [201, 409].includes(a.status))).toBe(true);
      // Both outcomes happened: a start before the switch was accepted, and
      // every start sent once the halt was recorded (the last 14) was refused.
      expect(answers[0].status).toBe(201);
      expect(answers.slice(16).map(a => a.status)).toEqual(Array(14).fill(409));
      expect(
        answers.slice(16).every(a => /halt/i.test(a.body.error?.message ?? '')),
      ).toBe(true);
      expect(lateStarts).toEqual([]);
      expect(lingered).toEqual([]);
      await as(srv, 'user:default/bob').post('/halt/release', {
        reason: 'done',
      });
    },
  );
});
