import { FailoverTestView, Run } from '@internal/plugin-nt-infra-common';

import { secondsBeforeNow } from './regions';

/** A disable-endpoint test of production, detected and switched, RTO not yet reached. */
export const runningFailover: FailoverTestView = {
  id: '22222222-2222-4222-8222-222222222222',
  state: 'running',
  environment: 'production',
  fromRegion: 'eastus',
  toRegion: 'westus',
  method: 'disable-endpoint',
  requestedBy: 'user:default/alice',
  createdAt: secondsBeforeNow(60),
  startedAt: secondsBeforeNow(55),
  reason: 'primary endpoint disabled',
  cut: { at: secondsBeforeNow(50), method: 'disable-endpoint' },
  holdDownSeconds: 300,
  targets: { rtoSeconds: 300, rpoSeconds: 60 },
  measurements: { detectionSeconds: 0.4, dnsSwitchSeconds: 1.2 },
  verdicts: { rto: 'pending', rpo: 'pending', overall: 'pending' },
  expected: {
    detectionWithinSeconds: 0,
    dnsSwitchWithinSeconds: 0,
    clientsConvergeWithinSecondsOfSwitch: 60,
    usersRecoveredWithinSeconds: 60,
    failbackWithinSeconds: 0,
  },
  samples: { count: 40, afterCut: 38 },
};

/** The same test, ended: RTO 42 s against a 300 s target. */
export const passedFailover: FailoverTestView = {
  ...runningFailover,
  state: 'completed',
  endedAt: secondsBeforeNow(1),
  reason: 'primary restored after hold-down',
  measurements: {
    detectionSeconds: 0.4,
    dnsSwitchSeconds: 1.2,
    rtoSeconds: 42,
    rpoSeconds: 3,
  },
  verdicts: { rto: 'passed', rpo: 'passed', overall: 'passed' },
};

/** Past failover runs as `GET /runs?kind=failover` lists them, newest first. */
export function failoverRuns(rtos: number[]): Run[] {
  return rtos.map((rto, i) => ({
    id: `33333333-3333-4333-8333-33333333333${i}`,
    kind: 'failover',
    environment: 'production',
    regions: ['eastus', 'westus'],
    state: 'completed',
    title: `Failover eastus → westus #${i}`,
    requestedBy: 'user:default/alice',
    params: {},
    outcome: {
      measurement: {
        rto: { at: secondsBeforeNow(i * 3600), seconds: rto },
        targets: { rtoSeconds: 300, rpoSeconds: 60 },
      },
    },
    createdAt: secondsBeforeNow(i * 3600 + 60),
    updatedAt: secondsBeforeNow(i * 3600),
    startedAt: secondsBeforeNow(i * 3600 + 55),
    endedAt: secondsBeforeNow(i * 3600),
  }));
}
