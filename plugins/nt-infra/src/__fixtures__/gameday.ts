import {
  GameDayReport,
  GameDayScenariosResponse,
  RunDetail,
} from '@internal/plugin-nt-infra-common';

import { secondsBeforeNow } from './regions';

export const scenarios: GameDayScenariosResponse = {
  items: [
    {
      name: 'region-loss',
      file: 'gamedays/region-loss.yaml',
      title: 'Lose East US',
      description: 'Fail production over to West US and check the SLOs hold.',
      environment: 'production',
      regions: ['eastus', 'westus'],
      observers: [],
      steps: [
        {
          name: 'failover',
          type: 'failover',
          timeout: '15m',
          fromRegion: 'eastus',
          method: 'disable-endpoint',
        },
        { name: 'slo-holds', type: 'check', timeout: '10m' },
      ],
    },
  ],
  problems: [
    {
      file: 'gamedays/broken.yaml',
      message: 'steps.0.timeout: must be a Go duration',
    },
  ],
};

export const runningGameDay: RunDetail = {
  id: '44444444-4444-4444-8444-444444444444',
  kind: 'gameday',
  environment: 'production',
  regions: ['eastus', 'westus'],
  state: 'running',
  title: 'Lose East US',
  requestedBy: 'user:default/alice',
  params: {},
  outcome: {},
  createdAt: secondsBeforeNow(120),
  updatedAt: secondsBeforeNow(10),
  startedAt: secondsBeforeNow(115),
  transitions: [
    {
      to: 'running',
      actor: 'reconciler',
      reason: 'step failover started',
      at: secondsBeforeNow(115),
    },
  ],
  steps: [
    {
      seq: 1,
      name: 'failover',
      state: 'running',
      notes: '2025-06-01T11:59:00.000Z user:default/bob: DNS flipped',
      details: { childRunId: '22222222-2222-4222-8222-222222222222' },
      startedAt: secondsBeforeNow(110),
    },
    { seq: 2, name: 'slo-holds', state: 'pending' },
  ],
};

export const endedGameDay: RunDetail = {
  ...runningGameDay,
  state: 'completed',
  endedAt: secondsBeforeNow(1),
  steps: [
    {
      ...runningGameDay.steps[0],
      state: 'passed',
      endedAt: secondsBeforeNow(30),
    },
    {
      seq: 2,
      name: 'slo-holds',
      state: 'failed',
      details: { error: 'availability 0.97 < 0.99 in westus' },
    },
  ],
};

export const gameDayReport: GameDayReport = {
  gameDay: {
    id: runningGameDay.id,
    title: 'Lose East US',
    scenario: 'region-loss',
    environment: 'production',
    regions: ['eastus', 'westus'],
    requestedBy: 'user:default/alice',
    state: 'completed',
    createdAt: secondsBeforeNow(120),
  },
  outcome: {
    state: 'completed',
    verdict: 'failed',
    reason: 'step slo-holds failed',
    failedSteps: ['slo-holds'],
  },
  steps: [
    {
      seq: 1,
      name: 'failover',
      type: 'failover',
      state: 'passed',
      durationMs: 80_000,
      child: {
        id: '66666666-6666-4666-8666-666666666666',
        kind: 'failover',
        title: 'Failover test: eastus → westus (unhealthy)',
        state: 'completed',
        measurements: {
          measurement: { rto: { seconds: 42.5 }, targets: { rtoSeconds: 300 } },
        },
      },
      notes: [],
    },
    {
      seq: 2,
      name: 'slo-holds',
      type: 'check',
      state: 'failed',
      error: 'availability 0.97 < 0.99 in westus',
      notes: [],
    },
  ],
  notes: [
    {
      at: '2025-06-01T11:59:00.000Z',
      author: 'user:default/bob',
      text: 'DNS flipped',
      step: 'failover',
    },
  ],
};
