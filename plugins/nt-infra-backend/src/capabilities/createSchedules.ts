import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readSchedules } from '../services/schedules/readSchedules';
import {
  ScheduleStarters,
  startScheduledRun,
} from '../services/schedules/startScheduledRun';

/**
 * The runs configured under `ntInfra.schedules`, each a global task (one
 * replica fires it) that starts its run through the same services and policy
 * as people do. Returns the schedules' task ids.
 */
export async function createSchedules(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  starters: ScheduleStarters;
}): Promise<string[]> {
  const { scheduler, logger, starters } = options;
  const ids: string[] = [];
  for (const schedule of readSchedules(options.config)) {
    const id = `nt-infra-schedule-${schedule.id}`;
    await scheduler.scheduleTask({
      id,
      scope: 'global',
      frequency: { cron: schedule.cron },
      timeout: { minutes: 5 },
      fn: async () => {
        await startScheduledRun(schedule, new Date(), starters, logger);
      },
    });
    ids.push(id);
  }
  return ids;
}
