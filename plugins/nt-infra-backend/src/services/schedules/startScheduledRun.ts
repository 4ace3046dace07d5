import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Run } from '@internal/plugin-nt-infra-common';
import type { ChaosRunService } from '../chaosRuns/ChaosRunService';
import type { FailoverRunService } from '../failoverRuns';
import type { GameDayService } from '../gamedays/GameDayService';
import { ScheduledRun } from './readSchedules';

/** The services a schedule may start runs with; each applies its own policy. */
export interface ScheduleStarters {
  chaos(
    schedule: ScheduledRun,
    key: string,
  ): Promise<{ run: Run; created: boolean }>;
  failover?(
    schedule: ScheduledRun,
    key: string,
  ): Promise<{ run: Run; created: boolean }>;
  gameday?(
    schedule: ScheduledRun,
    key: string,
  ): Promise<{ run: Run; created: boolean }>;
}

/** Who schedules act as, in runs and the audit trail. */
export const SCHEDULER_ACTOR = 'nt-infra:scheduler';

/**
 * Fires one schedule. The idempotency key is the schedule id plus the
 * minute it fired, so a replica that fires the same schedule again (or a
 * retry) makes no second run. A policy refusal (for example a production
 * schedule outside an approved window) is logged and audited by the
 * service, not retried.
 */
export async function startScheduledRun(
  schedule: ScheduledRun,
  firedAt: Date,
  starters: ScheduleStarters,
  logger: LoggerService,
): Promise<Run | undefined> {
  const minute = new Date(Math.floor(firedAt.getTime() / 60_000) * 60_000);
  const key = `schedule:${schedule.id}:${minute.toISOString()}`;
  const start = starters[schedule.kind];
  if (!start) {
    logger.warn(
      `Schedule ${schedule.id}: ${schedule.kind} runs are not available`,
    );
    return undefined;
  }
  try {
    const { run, created } = await start(schedule, key);
    logger.info(
      `Schedule ${schedule.id}: ${
        created ? 'started' : 'already started'
      } run ${run.id}`,
    );
    return run;
  } catch (error) {
    if (error instanceof ConflictError) {
      logger.warn(`Schedule ${schedule.id}: refused: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

/** The starters of the plugin's services: a schedule runs as a person's request would. */
export function serviceStarters(services: {
  chaos: Pick<ChaosRunService, 'start'>;
  failover: Pick<FailoverRunService, 'start'>;
  gamedays: Pick<GameDayService, 'start'>;
}): ScheduleStarters {
  return {
    chaos: (s, key) =>
      services.chaos.start(
        {
          environment: s.environment,
          regions: s.regions,
          experimentId: s.experimentId,
          title: `Scheduled: ${s.id}`,
        },
        SCHEDULER_ACTOR,
        key,
      ),
    gameday: (s, key) =>
      services.gamedays.start(
        { scenario: s.scenario!, environment: s.environment },
        SCHEDULER_ACTOR,
        key,
      ),
    failover: (s, key) =>
      services.failover.start(
        {
          environment: s.environment,
          fromRegion: s.fromRegion!,
          method: 'disable-endpoint',
        },
        SCHEDULER_ACTOR,
        key,
      ),
  };
}
