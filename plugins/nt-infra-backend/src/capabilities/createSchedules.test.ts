import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Run } from '@internal/plugin-nt-infra-common';
import { ScheduledRun } from '../services/schedules/readSchedules';
import { createSchedules } from './createSchedules';

describe('createSchedules', () => {
  it('schedules each configured run as a global cron task that starts it through the starters', async () => {
    const scheduler = mockServices.scheduler.mock();
    const started: Array<{ schedule: ScheduledRun; key: string }> = [];
    const ids = await createSchedules({
      config: new ConfigReader({
        ntInfra: {
          schedules: [
            {
              id: 'nightly-api-memory',
              cron: '0 2 * * *',
              kind: 'chaos',
              environment: 'staging',
              regions: ['westus'],
              experimentId: 'StressChaos/ntai/api-memory-stress',
            },
          ],
        },
      }),
      scheduler,
      logger: mockServices.logger.mock(),
      starters: {
        chaos: async (schedule, key) => {
          started.push({ schedule, key });
          return { run: { id: 'run-1' } as Run, created: true };
        },
      },
    });

    expect(ids).toEqual(['nt-infra-schedule-nightly-api-memory']);
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'nt-infra-schedule-nightly-api-memory',
      scope: 'global',
      frequency: { cron: '0 2 * * *' },
    });
    await task.fn(new AbortController().signal);
    expect(started).toEqual([
      {
        schedule: expect.objectContaining({ id: 'nightly-api-memory' }),
        key: expect.stringMatching(/^schedule:nightly-api-memory:\d{4}-/),
      },
    ]);
  });

  it('schedules nothing without configured runs', async () => {
    const scheduler = mockServices.scheduler.mock();
    const ids = await createSchedules({
      config: new ConfigReader({}),
      scheduler,
      logger: mockServices.logger.mock(),
      starters: { chaos: async () => Promise.reject(new Error('unused')) },
    });
    expect(ids).toEqual([]);
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
  });
});
