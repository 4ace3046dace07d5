import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gameDayReport, RunDetail } from '@internal/plugin-nt-infra-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import fs from 'node:fs';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { KubernetesClusterProvider } from '../providers/clusters/KubernetesClusterProvider';
import { createGameDays } from '../capabilities/createGameDays';
import {
  gameDayTestPlugin,
  GameDayTestContext,
} from '../services/gamedays/__testUtils__/gameDayTestPlugin';
import {
  E2E_SCENARIOS,
  writeScenarioRepo,
} from '../services/gamedays/__testUtils__/e2eScenarios';

jest.setTimeout(90_000);

const EAST = 'aks-ntai-production-eastus';

describe('GameDays against the sandbox world', () => {
  let sandbox: TestSandbox;
  let server: any;
  let repoRoot: string;
  const context: GameDayTestContext = {};
  const signals: Array<{ channel: string; message: any }> = [];
  const events: Array<{ type: string; data?: Record<string, unknown> }> = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({
      speed: 20,
      onEvent: e => events.push(e),
    });
    repoRoot = writeScenarioRepo();
    // Everyone may do everything, except run GameDays for olivia (an
    // observer of every scenario) and mallory (not an observer).
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, { credentials }) => {
        const user = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        const denied =
          user === 'user:default/olivia' || user === 'user:default/mallory';
        return requests.map(r => ({
          result:
            denied && r.permission.name === 'nt-infra.gameday.run'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
    });
    ({ server } = await startTestBackend({
      features: [
        gameDayTestPlugin({
          repoRoot,
          signals: { publish: async s => void signals.push(s) },
          context,
        }),
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, {
            environment: 'staging',
            // The real failover test, short: Traffic Manager at 20× notices a
            // disabled endpoint at once; the primary comes back after 2 s.
            failover: {
              holdDownSeconds: 2,
              probeTimeoutMs: 250,
              maxObservationSeconds: 60,
              sustainedSuccesses: 3,
            },
          }),
        }),
        permissions.factory,
        mockServices.rootLogger.factory({ level: 'warn' }),
        // The real scheduler: the reconciler must actually tick.
        schedulerServiceFactory,
      ],
    }));
  });
  afterAll(async () => {
    await sandbox.stop();
    fs.rmSync(repoRoot, { recursive: true, force: true });
  });

  const as = (user = 'user:default/alice') => mockCredentials.user.header(user);
  const runOf = async (id: string): Promise<RunDetail> =>
    (
      await request(server)
        .get(`/api/nt-infra/runs/${id}`)
        .set('Authorization', as())
    ).body;
  const start = (scenario: string, key?: string) => {
    const req = request(server)
      .post('/api/nt-infra/gamedays')
      .set('Authorization', as());
    return (key ? req.set('Idempotency-Key', key) : req).send({
      scenario,
      environment: 'staging',
    });
  };
  const ended = (id: string, timeoutMs = 45_000) =>
    waitFor(
      async () => {
        const run = await runOf(id);
        return ['completed', 'failed', 'aborted'].includes(run.state) && run;
      },
      timeoutMs,
      100,
    );

  it('lists the scenario library', async () => {
    const res = await request(server)
      .get('/api/nt-infra/gamedays/scenarios')
      .set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.items.map((s: { name: string }) => s.name).sort()).toEqual(
      Object.keys(E2E_SCENARIOS).sort(),
    );
  });

  it('runs chaos, wait and check steps to completion, with notes and a report', async () => {
    const started = await start('e2e-pass', 'pass-1');
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect((await start('e2e-pass', 'pass-1')).body.id).toBe(id);

    // An observer may take notes without the permission to run GameDays; others may not.
    await waitFor(
      async () => (await runOf(id)).steps[0]?.state === 'running',
      20_000,
    );
    const note = await request(server)
      .post(`/api/nt-infra/gamedays/${id}/notes`)
      .set('Authorization', as('user:default/olivia'))
      .send({ text: 'Pods restarting in\neastus' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ seq: 0, step: 'pod-failure' });
    const denied = await request(server)
      .post(`/api/nt-infra/gamedays/${id}/notes`)
      .set('Authorization', as('user:default/mallory'))
      .send({ text: 'hi' });
    expect(denied.status).toBe(403);

    const run = await ended(id);
    expect(run.state).toBe('completed');
    expect(run.transitions.map(t => t.to)).toEqual([
      'approved',
      'running',
      'completed',
    ]);
    expect(run.steps.map(s => [s.name, s.state])).toEqual([
      ['pod-failure', 'passed'],
      ['settle', 'passed'],
      ['availability', 'passed'],
    ]);
    for (const s of run.steps) {
      expect(Date.parse(s.endedAt!)).toBeGreaterThanOrEqual(
        Date.parse(s.startedAt!),
      );
    }
    const childId = (run.steps[0].details as any).childRunId;
    const child = await runOf(childId);
    expect(child).toMatchObject({
      kind: 'chaos',
      state: 'completed',
      requestedBy: 'user:default/alice',
    });
    expect(
      await KubernetesClusterProvider.fromConfig(
        new ConfigReader(sandboxConfig(sandbox.endpoints)),
        { logger: mockServices.logger.mock() },
      ).listManagedChaos(EAST, childId),
    ).toEqual([]);
    expect(
      signals
        .filter(s => s.channel === `nt-infra:run:${id}`)
        .map(s => s.message.state ?? s.message.change),
    ).toEqual(expect.arrayContaining(['running', 'progress', 'completed']));

    const json = await request(server)
      .get(`/api/nt-infra/gamedays/${id}/report?format=json`)
      .set('Authorization', as());
    expect(json.status).toBe(200);
    const parsed = gameDayReport.safeParse(json.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(json.body.outcome).toMatchObject({
      state: 'completed',
      verdict: 'passed',
      failedSteps: [],
    });
    expect(json.body.steps[0].child).toMatchObject({
      id: childId,
      state: 'completed',
      faults: [
        { region: 'eastus', pods: [expect.stringMatching(/^ntai\/ntai-api-/)] },
      ],
    });
    expect(json.body.steps[0].child.transitions.map((t: any) => t.to)).toEqual([
      'approved',
      'running',
      'stopping',
      'completed',
    ]);
    expect(json.body.steps[2].evidence.regions.westus).toMatchObject({
      samples: expect.any(Number),
      missing: 0,
    });
    expect(json.body.notes).toEqual([
      {
        at: expect.any(String),
        author: 'user:default/olivia',
        text: 'Pods restarting in eastus',
        step: 'pod-failure',
      },
    ]);
    const markdown = await request(server)
      .get(`/api/nt-infra/gamedays/${id}/report?format=markdown`)
      .set('Authorization', as());
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    for (const text of [
      '1. pod-failure (chaos): passed',
      '2. settle (wait): passed',
      '3. availability (check): passed',
      'Fault in eastus: `ntai/ntai-api-',
      '**SLI evidence**',
      '| westus |',
      'user:default/olivia (pod-failure): Pods restarting in eastus',
    ]) {
      expect(markdown.text).toContain(text);
    }

    // A restarted backend replays the tick that started the child before
    // it could record the child's id: the same key finds the same run.
    const before = (
      await context.runs!.listRuns({ kind: 'chaos' }, { limit: 200 })
    ).items.length;
    const restarted = createGameDays(context.options!);
    const stale: RunDetail = {
      ...run,
      state: 'running',
      steps: run.steps.map(s =>
        s.seq === 0
          ? {
              ...s,
              state: 'running',
              details: { type: 'chaos' },
              endedAt: undefined,
            }
          : s,
      ),
    };
    await restarted.handler.tick({
      run: stale,
      now: new Date(),
      halted: false,
      transition: jest.fn(),
      saveOutcome: jest.fn(),
    });
    expect(
      (await context.runs!.listRuns({ kind: 'chaos' }, { limit: 200 })).items,
    ).toHaveLength(before);
    expect((await runOf(id)).steps[0].details).toMatchObject({
      childRunId: childId,
    });
  });

  it('aborts the rest when a check fails', async () => {
    const { body } = await start('e2e-fail');
    const run = await ended(body.id);
    expect(run.state).toBe('failed');
    expect(run.steps.map(s => s.state)).toEqual([
      'failed',
      'skipped',
      'skipped',
    ]);
    expect(run.transitions[run.transitions.length - 1].reason).toMatch(
      /step 'latency' failed: .*p99_5m was .* expected < 0.0001/,
    );
    const report = await request(server)
      .get(`/api/nt-infra/gamedays/${body.id}/report`)
      .set('Authorization', as());
    expect(report.body.steps[0].evidence.violation).toMatchObject({
      region: expect.any(String),
      value: expect.any(Number),
    });
    expect(report.body.steps[1]).toMatchObject({
      state: 'skipped',
      error: "not run: step 'latency' failed",
    });
    expect(report.body.steps[1].child).toBeUndefined();
  });

  it('runs a failover step as a real failover test of the world and reports what it measured', async () => {
    const since = events.length;
    const { body } = await start('e2e-failover');
    const run = await ended(body.id, 200_000);
    expect(run.state).toBe('completed');
    const report = await request(server)
      .get(`/api/nt-infra/gamedays/${body.id}/report`)
      .set('Authorization', as());
    const child = report.body.steps[0].child;
    expect(child).toMatchObject({ kind: 'failover', state: 'completed' });
    const failover = await runOf(child.id);
    // The raw counter reading is reported as the curve it makes, not as is.
    const { traffic, ...outcome } = failover.outcome as {
      samples: unknown[];
      traffic?: unknown;
    };
    expect(traffic).toBeDefined();
    expect(child.measurements).toEqual({
      ...outcome,
      samples: outcome.samples.length,
    });
    expect(child.failover.traffic.points.length).toBeGreaterThan(0);
    // The regions, so the report's curve names its lines after them.
    expect(child.failover).toMatchObject({
      fromRegion: 'eastus',
      toRegion: 'westus',
      fromDisplayName: 'East US',
      toDisplayName: 'West US',
    });
    // The shared contract reads the real report, and its failover part keeps
    // every field the backend sends (parsing drops the ones it lacks).
    const parsed = gameDayReport.safeParse(report.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data?.steps[0].child?.failover).toEqual(child.failover);
    // The primary really was cut and given back in the world, once each.
    const endpointChanges = events
      .slice(since)
      .filter(
        e => e.type === 'arm.endpoint-updated' && e.data?.endpoint === 'eastus',
      )
      .flatMap(e => (e.data?.changes as string[]) ?? [])
      .filter(c => /endpointStatus/.test(c));
    expect(endpointChanges).toEqual([
      expect.stringMatching(/Disabled$/),
      expect.stringMatching(/Enabled$/),
    ]);
    const { restore, timing } = failover.outcome as {
      restore?: { pending?: boolean };
      timing?: unknown;
    };
    expect(restore?.pending).toBeFalsy();
    expect(timing).toBeDefined();
  }, 240_000);

  /** Starts the long scenario, waits for its fault, stops it with `stop`, checks the cleanup. */
  async function abortedBy(stop: (id: string) => Promise<void>) {
    const { body } = await start('e2e-long');
    const childId = await waitFor(
      async () => {
        const step = (await runOf(body.id)).steps[0];
        const id = (step?.details as any)?.childRunId;
        return id && (await runOf(id)).state === 'running' && id;
      },
      30_000,
      100,
    );
    try {
      await stop(body.id);
      const run = await ended(body.id);
      expect(run.state).toBe('aborted');
      expect(run.steps.map(s => s.state)).toEqual(['failed', 'skipped']);
      expect((await runOf(childId)).state).toBe('aborted');
      expect(
        await KubernetesClusterProvider.fromConfig(
          new ConfigReader(sandboxConfig(sandbox.endpoints)),
          { logger: mockServices.logger.mock() },
        ).listManagedChaos(EAST, childId),
      ).toEqual([]);
    } finally {
      await context.halt!.set(false, 'user:default/alice', 'over');
    }
  }

  it('stops the active child and ends aborted on the abort route', () =>
    abortedBy(async id => {
      const denied = await request(server)
        .post(`/api/nt-infra/gamedays/${id}/abort`)
        .set('Authorization', as('user:default/olivia'))
        .send({ reason: 'no' });
      expect(denied.status).toBe(403);
      const res = await request(server)
        .post(`/api/nt-infra/gamedays/${id}/abort`)
        .set('Authorization', as())
        .send({ reason: 'incident elsewhere' });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('stopping');
    }));

  it('stops the active child and ends aborted on halt-all', async () => {
    await abortedBy(async () => {
      await context.halt!.set(true, 'user:default/alice', 'stop everything');
    });
    expect((await context.halt!.get()).engaged).toBe(false);
  });

  it('answers 400 naming the field, 404 for unknown scenarios', async () => {
    const bad = await request(server)
      .post('/api/nt-infra/gamedays')
      .set('Authorization', as())
      .send({ scenario: 'e2e-pass', environment: 'production' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'environment'");
    const extra = await request(server)
      .post('/api/nt-infra/gamedays')
      .set('Authorization', as())
      .send({ scenario: 'e2e-pass', force: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain("'force'");
    expect((await start('nope')).status).toBe(404);
  });
});
