import {
  EnvironmentName,
  FailoverTestView,
  PrimaryCutMethod,
  Run,
} from '@internal/plugin-nt-infra-common';

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

/** The users' counters every 15 s around an unhealthy-region cut: failing until ~75 s. */
const unhealthyPoints = [
  [-15, 0, 0, 1],
  [0, 15, 0.95, 1],
  [15, 30, 0.9, 0.95],
  [30, 45, 0.6, 0.6],
  [45, 60, 0.3, 0.3],
  [60, 75, 0.05, 0.05],
  [75, 90, 0, 0],
  [90, 105, 0, 0],
].map(([startSeconds, endSeconds, errorRatio, primaryShare]) => ({
  startSeconds,
  endSeconds,
  requests: 600,
  failed: Math.round(600 * errorRatio),
  errorRatio,
  primaryShare,
  secondaryShare: 1 - primaryShare,
}));

/** An unhealthy-region test of staging, ended: RTO 72 s from the users' counters. */
export const unhealthyFailover: FailoverTestView = {
  ...passedFailover,
  id: '44444444-4444-4444-8444-444444444444',
  environment: 'staging',
  method: 'unhealthy',
  cut: { at: secondsBeforeNow(200), method: 'unhealthy' },
  measurements: {
    detectionSeconds: 30.5,
    dnsSwitchSeconds: 30.8,
    rtoSeconds: 72,
    rto: {
      seconds: 72,
      source: 'traffic',
      resolutionSeconds: 15,
      lowerBoundSeconds: 31,
      upperBoundSeconds: 91,
      trafficWithinSeconds: [60, 75],
    },
    resolverServedSeconds: 33,
    samplingResolutionSeconds: 0.5,
    rpoSeconds: 3,
  },
  verdicts: { rto: 'passed', rpo: 'passed', overall: 'passed' },
  expected: {
    detectionWithinSeconds: 30,
    dnsSwitchWithinSeconds: 30,
    clientsConvergeWithinSecondsOfSwitch: 60,
    usersRecoveredWithinSeconds: 90,
    failbackWithinSeconds: 30,
  },
  traffic: {
    query: 'http_requests_total{environment="staging"}',
    resolutionSeconds: 15,
    errorObjective: 0.001,
    points: unhealthyPoints,
  },
  marks: [
    { kind: 'cut', seconds: 0, source: 'run' },
    { kind: 'detection', seconds: 30.5, source: 'traffic-manager' },
    { kind: 'dns-switch', seconds: 30.8, source: 'resolver' },
    { kind: 'ttl-expiry', seconds: 91, source: 'dns-switch-plus-ttl' },
    { kind: 'recovery', seconds: 72, source: 'traffic' },
    { kind: 'failback', seconds: 160, source: 'resolver' },
  ],
};

/** A planned drain of production, ended: users moved by 63 s, nothing failed. */
export const drainFailover: FailoverTestView = {
  ...passedFailover,
  id: '55555555-5555-4555-8555-555555555555',
  measurements: {
    detectionSeconds: 0.035,
    dnsSwitchSeconds: 0.035,
    drain: {
      movedSeconds: 63,
      source: 'traffic',
      resolutionSeconds: 15,
      lowerBoundSeconds: 0.035,
      upperBoundSeconds: 60.035,
      failedRequests: 0,
      requests: 4200,
    },
    resolverServedSeconds: 0.048,
    samplingResolutionSeconds: 0.5,
    rpoSeconds: 2,
  },
  verdicts: {
    rto: 'not-applicable',
    rpo: 'passed',
    drain: 'passed',
    overall: 'passed',
  },
  traffic: {
    query: 'http_requests_total{environment="production"}',
    resolutionSeconds: 15,
    errorObjective: 0.001,
    points: unhealthyPoints.map(p => ({
      ...p,
      failed: 0,
      errorRatio: 0,
    })),
  },
  marks: [
    { kind: 'cut', seconds: 0, source: 'run' },
    { kind: 'detection', seconds: 0.035, source: 'traffic-manager' },
    { kind: 'dns-switch', seconds: 0.035, source: 'resolver' },
    { kind: 'ttl-expiry', seconds: 60.035, source: 'dns-switch-plus-ttl' },
    { kind: 'users-moved', seconds: 63, source: 'traffic' },
  ],
};

/** Past failover runs as `GET /runs?kind=failover` lists them, newest first. */
export function failoverRuns(
  rtos: number[],
  of: { environment?: EnvironmentName; method?: PrimaryCutMethod } = {},
): Run[] {
  const { environment = 'production', method = 'unhealthy' } = of;
  return rtos.map((rto, i) => ({
    id: `33333333-3333-4333-8333-${environment === 'production' ? 1 : 2}${
      method === 'unhealthy' ? 1 : 2
    }${String(i).padStart(10, '0')}`,
    kind: 'failover',
    environment,
    regions: ['eastus', 'westus'],
    state: 'completed',
    title: `Failover eastus → westus (${method}) #${i}`,
    requestedBy: 'user:default/alice',
    params: { method },
    outcome: {
      measurement: {
        method,
        ...(method === 'disable-endpoint'
          ? {
              drain: {
                movedSeconds: rto,
                source: 'traffic',
                failedRequests: 0,
              },
            }
          : {
              rto: {
                at: secondsBeforeNow(i * 3600),
                seconds: rto,
                source: 'traffic',
              },
            }),
        targets: { rtoSeconds: 300, rpoSeconds: 60 },
      },
    },
    createdAt: secondsBeforeNow(i * 3600 + 60),
    updatedAt: secondsBeforeNow(i * 3600),
    startedAt: secondsBeforeNow(i * 3600 + 55),
    endedAt: secondsBeforeNow(i * 3600),
  }));
}
