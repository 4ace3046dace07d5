import { ConfigReader } from '@backstage/config';
import { readSchedules } from './readSchedules';

const read = (schedules: unknown[]) =>
  readSchedules(new ConfigReader({ ntInfra: { schedules } } as any));

describe('readSchedules', () => {
  it('reads the three kinds of schedule', () => {
    expect(
      read([
        {
          id: 'daily-staging-pod-failure',
          cron: '0 9 * * 1-5',
          kind: 'chaos',
          environment: 'staging',
          regions: ['eastus'],
          experimentId: 'PodChaos/ntai/api-pod-failure',
        },
        {
          id: 'monthly-gameday',
          cron: '0 14 1 * *',
          kind: 'gameday',
          environment: 'production',
          scenario: 'region-failover',
        },
      ]),
    ).toEqual([
      expect.objectContaining({
        id: 'daily-staging-pod-failure',
        kind: 'chaos',
      }),
      expect.objectContaining({ id: 'monthly-gameday', regions: [] }),
    ]);
  });

  it.each([
    [
      {
        id: 'x',
        cron: '* * *',
        kind: 'chaos',
        environment: 'staging',
        regions: ['e'],
        experimentId: 'a',
      },
      /5 fields/,
    ],
    [
      {
        id: 'x',
        cron: '* * * * *',
        kind: 'chaos',
        environment: 'staging',
        regions: ['e'],
      },
      /needs 'experimentId'/,
    ],
    [
      {
        id: 'x',
        cron: '* * * * *',
        kind: 'chaos',
        environment: 'staging',
        experimentId: 'a',
      },
      /'regions' is empty/,
    ],
    [
      { id: 'x', cron: '* * * * *', kind: 'reboot', environment: 'staging' },
      /'kind' is 'reboot'/,
    ],
    [
      {
        id: 'X Y',
        cron: '* * * * *',
        kind: 'gameday',
        environment: 'staging',
        scenario: 's',
      },
      /use a-z/,
    ],
  ])('refuses %j', (entry, message) => {
    expect(() => read([entry])).toThrow(message);
  });

  it('refuses an id used twice', () => {
    const entry = {
      id: 'a',
      cron: '* * * * *',
      kind: 'gameday',
      environment: 'staging',
      scenario: 's',
    };
    expect(() => read([entry, entry])).toThrow(/used twice/);
  });
});
