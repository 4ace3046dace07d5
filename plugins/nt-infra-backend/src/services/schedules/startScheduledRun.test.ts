import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import fs from 'node:fs';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import {
  GameDayTestContext,
  gameDayTestPlugin,
} from '../gamedays/__testUtils__/gameDayTestPlugin';
import { writeScenarioRepo } from '../gamedays/__testUtils__/e2eScenarios';
import { ScheduledRun } from './readSchedules';
import {
  SCHEDULER_ACTOR,
  ScheduleStarters,
  startScheduledRun,
} from './startScheduledRun';

jest.setTimeout(60_000);

const NIGHTLY: ScheduledRun = {
  id: 'nightly-api-memory',
  cron: '0 2 * * *',
  kind: 'chaos',
  environment: 'staging',
  regions: ['westus'],
  experimentId: 'StressChaos/ntai/api-memory-stress',
};

describe('startScheduledRun with the real chaos service against the sandbox', () => {
  let sandbox: TestSandbox;
  let repoRoot: string;
  const context: GameDayTestContext = {};
  /** As plugin.ts wires them: the services people use, acting as the scheduler. */
  let starters: ScheduleStarters;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    repoRoot = writeScenarioRepo();
    await startTestBackend({
      features: [
        gameDayTestPlugin({ repoRoot, context }),
        mockServices.rootConfig.factory({
          data: sandboxConfig(sandbox.endpoints, { environment: 'staging' }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        schedulerServiceFactory,
      ],
    });
    starters = {
      chaos: (s, key) =>
        context.chaos!.start(
          {
            environment: s.environment,
            regions: s.regions,
            experimentId: s.experimentId,
            title: `Scheduled: ${s.id}`,
          },
          SCHEDULER_ACTOR,
          key,
        ),
    };
  });
  afterAll(async () => {
    // Whatever was started is stopped and swept before the world goes.
    await context.halt?.set(true, 'user:default/alice', 'tests over');
    await sandbox?.stop();
    fs.rmSync(repoRoot, { recursive: true, force: true });
  });
  afterEach(() => context.halt!.set(false, 'user:default/alice', 'next test'));

  const scheduledRuns = async () =>
    (
      await context.runs!.listRuns({ kind: 'chaos' }, { limit: 200 })
    ).items.filter(r => r.requestedBy === SCHEDULER_ACTOR);

  it('starts one run per schedule and minute, however often the minute fires', async () => {
    const logger = mockServices.logger.mock();
    const before = (await scheduledRuns()).length;
    const first = await startScheduledRun(
      NIGHTLY,
      new Date('2026-12-03T02:00:00.100Z'),
      starters,
      logger,
    );
    expect(first).toMatchObject({
      kind: 'chaos',
      state: 'approved',
      requestedBy: SCHEDULER_ACTOR,
      title: 'Scheduled: nightly-api-memory',
      regions: ['westus'],
    });
    // Another replica (or a retry) fires the same schedule in the same minute.
    const again = await startScheduledRun(
      NIGHTLY,
      new Date('2026-12-03T02:00:59.900Z'),
      starters,
      logger,
    );
    expect(again?.id).toBe(first!.id);
    expect(logger.info).toHaveBeenCalledWith(
      `Schedule nightly-api-memory: started run ${first!.id}`,
    );
    expect(logger.info).toHaveBeenCalledWith(
      `Schedule nightly-api-memory: already started run ${first!.id}`,
    );
    // The next minute is the next firing: a run of its own.
    const next = await startScheduledRun(
      NIGHTLY,
      new Date('2026-12-03T02:01:00.000Z'),
      starters,
      logger,
    );
    expect(next!.id).not.toBe(first!.id);
    expect((await scheduledRuns()).length).toBe(before + 2);
  });

  it('logs a policy refusal and starts nothing, without retrying or throwing', async () => {
    const logger = mockServices.logger.mock();
    const before = (await scheduledRuns()).length;
    await context.halt!.set(true, 'user:default/alice', 'incident');
    const start = jest.fn(starters.chaos);
    const run = await startScheduledRun(
      NIGHTLY,
      new Date('2026-12-03T03:00:00Z'),
      { chaos: start },
      logger,
    );
    expect(run).toBeUndefined();
    expect(start).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Schedule nightly-api-memory: refused: Refused by policy: .*halt-all is engaged/,
      ),
    );
    expect((await scheduledRuns()).length).toBe(before);
  });

  it('fails loudly on a schedule the services cannot start (not a refusal)', async () => {
    const broken = { ...NIGHTLY, experimentId: 'PodChaos/ntai/no-such' };
    await expect(
      startScheduledRun(
        broken,
        new Date('2026-12-03T04:00:00Z'),
        starters,
        mockServices.logger.mock(),
      ),
    ).rejects.toThrow(
      new InputError(
        "Invalid body field 'experimentId': 'PodChaos/ntai/no-such' is not in the experiment library",
      ),
    );
  });

  it('says so when a kind of run is not available, and starts nothing', async () => {
    const logger = mockServices.logger.mock();
    const run = await startScheduledRun(
      { ...NIGHTLY, kind: 'failover', fromRegion: 'eastus' },
      new Date('2026-12-03T05:00:00Z'),
      starters,
      logger,
    );
    expect(run).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Schedule nightly-api-memory: failover runs are not available',
    );
  });
});
