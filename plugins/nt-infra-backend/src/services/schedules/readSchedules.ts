import { Config } from '@backstage/config';
import {
  ENVIRONMENT_NAMES,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';

/** A run the portal starts on its own, on a cron schedule, through the same policy as a person. */
export interface ScheduledRun {
  id: string;
  /** Standard 5-field cron, evaluated in UTC. */
  cron: string;
  kind: 'chaos' | 'failover' | 'gameday';
  environment: EnvironmentName;
  regions: string[];
  /** chaos: a library experiment id. */
  experimentId?: string;
  /** gameday: a scenario name. */
  scenario?: string;
  /** failover: the primary to take out. */
  fromRegion?: string;
}

const KINDS = ['chaos', 'failover', 'gameday'] as const;

function oneOf<T extends string>(
  c: Config,
  key: string,
  allowed: readonly T[],
): T {
  const value = c.getString(key);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid ntInfra.schedules entry '${
        c.getOptionalString('id') ?? '?'
      }': '${key}' is '${value}', expected one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/** Reads `ntInfra.schedules`, failing start-up with the offending entry named. */
export function readSchedules(config: Config): ScheduledRun[] {
  const entries = config.getOptionalConfigArray('ntInfra.schedules') ?? [];
  const schedules = entries.map(c => {
    const schedule: ScheduledRun = {
      id: c.getString('id'),
      cron: c.getString('cron'),
      kind: oneOf(c, 'kind', KINDS),
      environment: oneOf(c, 'environment', ENVIRONMENT_NAMES),
      regions: c.getOptionalStringArray('regions') ?? [],
      experimentId: c.getOptionalString('experimentId'),
      scenario: c.getOptionalString('scenario'),
      fromRegion: c.getOptionalString('fromRegion'),
    };
    if (!/^[a-z0-9-]{1,64}$/.test(schedule.id)) {
      throw new Error(
        `Invalid ntInfra.schedules id '${schedule.id}': use a-z, 0-9 and -`,
      );
    }
    if (schedule.cron.trim().split(/\s+/).length !== 5) {
      throw new Error(
        `Invalid ntInfra.schedules entry '${schedule.id}': cron needs 5 fields`,
      );
    }
    const needs: Record<ScheduledRun['kind'], keyof ScheduledRun> = {
      chaos: 'experimentId',
      gameday: 'scenario',
      failover: 'fromRegion',
    };
    if (!schedule[needs[schedule.kind]]) {
      throw new Error(
        `Invalid ntInfra.schedules entry '${schedule.id}': a ${
          schedule.kind
        } schedule needs '${needs[schedule.kind]}'`,
      );
    }
    if (schedule.kind === 'chaos' && schedule.regions.length === 0) {
      throw new Error(
        `Invalid ntInfra.schedules entry '${schedule.id}': 'regions' is empty`,
      );
    }
    return schedule;
  });
  const ids = new Set(schedules.map(s => s.id));
  if (ids.size !== schedules.length) {
    throw new Error('Invalid ntInfra.schedules: an id is used twice');
  }
  return schedules;
}
