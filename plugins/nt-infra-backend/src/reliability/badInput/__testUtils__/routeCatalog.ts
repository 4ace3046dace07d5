import fc from 'fast-check';
import {
  badArray,
  badName,
  badNumber,
  badText,
  hostileString,
  notNumber,
  notString,
  oversizedString,
} from './hostileValues';

/** A field of a body or query: a valid value and values it must refuse. */
export interface FieldSpec {
  valid?: unknown;
  /** Values refused by validation; each is a 4xx naming the field. */
  bad: fc.Arbitrary<unknown>;
  /** Leaving it out is refused too. */
  required?: boolean;
}

export interface RouteSpec {
  /** Valid values of the path parameters (the route's own syntax: `:id`). */
  params?: Record<string, string>;
  query?: Record<string, FieldSpec>;
  /** Omitted: the route reads no body. */
  body?: Record<string, FieldSpec>;
  /** The route honours an Idempotency-Key header. */
  idempotent?: boolean;
  /** Fewer cases for routes whose every valid-looking request costs a git checkout. */
  runs?: number;
}

const UUID = '00000000-0000-4000-8000-000000000000';
const uuidParam = { id: UUID };
const reason = { valid: 'fuzzing', bad: badText, required: true };
const comment = { valid: 'fuzzing', bad: badText, required: true };
const environment = {
  valid: 'production',
  bad: fc.oneof(badName, fc.constantFrom('prod', 'Production', 'dev')),
  required: true,
};
const optionalEnvironment = { ...environment, required: false };
const regionName = fc.oneof(
  notString,
  oversizedString,
  fc.constantFrom('East US', 'eastus;', 'west_us', '$(x)', 'a'.repeat(65)),
);
const limit = (max: number) => ({
  bad: fc.oneof(
    fc.constantFrom('0', '-1', String(max + 1), 'abc', '1.5', '1e3', ''),
    fc.integer({ min: max + 1 }).map(String),
  ),
});
const instantQuery = {
  bad: fc.oneof(
    fc.constantFrom('yesterday', '2026-13-45', 'x'.repeat(41)),
    hostileString,
  ),
};
const stopConditions = [
  {
    metric: 'ntai:slo_burn_rate:5m',
    op: '>',
    threshold: 14.4,
    for: '0s',
  },
];
const podFailure = {
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration: '1m',
  mode: 'fixed',
  value: 1,
  stopConditions,
};
const badTemplate = fc.oneof(
  notString.filter(
    v => typeof v !== 'object' || v === null || Array.isArray(v),
  ),
  fc.constant({}),
  fc.record({ type: fc.constantFrom('PodChaos', 'pod_failure', 'shell') }),
  hostileString.map(s => ({
    ...podFailure,
    workload: { namespace: 'ntai', name: s },
  })),
  fc
    .constantFrom(-5, 0, 10_001, 1e308)
    .map(value => ({ ...podFailure, value })),
  fc
    .constantFrom('0s', '-1m', '100000h', 'forever', '1m; touch x')
    .map(duration => ({ ...podFailure, duration })),
  fc.constantFrom('bogus', '__proto__', 'runId', 'environment').map(k => ({
    ...podFailure,
    [k]: 'x',
  })),
  fc.constant({ ...podFailure, mode: 'all-namespaces' }),
  fc.constant({ ...podFailure, stopConditions: [] }),
);

const chaosBody = {
  environment,
  regions: {
    valid: ['eastus'],
    bad: fc.oneof(
      badArray,
      fc.constant(['eastus', 'eastus']),
      fc.constant(['mars']),
    ),
    required: true,
  },
  template: { valid: podFailure, bad: badTemplate },
  title: { bad: badText },
  entityRef: {
    bad: fc.oneof(badName, fc.constantFrom('component:default', 'x')),
  },
};

const inOneDay = (hours: number) =>
  new Date(
    Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (24 + hours) * 3_600_000,
  ).toISOString();

const windowBody = {
  environment,
  startsAt: {
    valid: inOneDay(0),
    bad: fc.oneof(
      badName,
      fc.constantFrom('2030-01-01', '2030-01-01T09:00:00', 'tomorrow'),
    ),
    required: true,
  },
  endsAt: {
    valid: inOneDay(1),
    bad: fc.oneof(badName, fc.constantFrom('2030-02-30T09:00:00Z')),
    required: true,
  },
  reason,
  limits: {
    valid: {
      experiments: ['PodChaos/ntai/api-pod-failure'],
      regions: ['eastus'],
      maxFraction: 0.1,
      stopConditions: [],
    },
    bad: fc.oneof(
      notString,
      fc.constant({}),
      hostileString.map(s => ({
        experiments: [s],
        regions: ['eastus'],
        maxFraction: 0.1,
        stopConditions: [],
      })),
      badNumber.map(maxFraction => ({
        experiments: [],
        regions: ['eastus'],
        maxFraction,
        stopConditions: [],
      })),
    ),
    required: true,
  },
};

const failoverBody = {
  environment,
  fromRegion: { valid: 'eastus', bad: regionName, required: true },
  method: { bad: fc.oneof(badName, fc.constant('dns-poison')) },
  holdDownSeconds: {
    bad: fc.oneof(notNumber, fc.constantFrom(-1, 0.5, 3601, 1e308)),
  },
  rtoTargetSeconds: {
    bad: fc.oneof(notNumber, fc.constantFrom(0, -1, 86_401, 1e308)),
  },
  rpoTargetSeconds: {
    bad: fc.oneof(notNumber, fc.constantFrom(0, -3, 86_401)),
  },
};

const changeBody = {
  kind: {
    valid: 'scale-workload',
    bad: fc.oneof(
      badName,
      fc.constantFrom('delete-everything', 'Scale-Workload'),
    ),
    required: true,
  },
  params: {
    valid: { environment: 'staging', workload: 'ntai-worker', maxReplicas: 6 },
    bad: fc.oneof(
      notString,
      fc.constant({}),
      badName.map(workload => ({
        environment: 'staging',
        workload,
        maxReplicas: 6,
      })),
      fc
        .oneof(notNumber, fc.constantFrom(-1, 1001, 2.5, 1e308))
        .map(maxReplicas => ({
          environment: 'staging',
          workload: 'ntai-worker',
          maxReplicas,
        })),
    ),
    required: true,
  },
  reason,
  runId: { bad: badName },
  windowId: { bad: badName },
};

const gameDayBody = {
  scenario: {
    valid: 'region-failover',
    bad: fc.oneof(
      badName,
      fc.constantFrom('Region-Failover', '-x', 'a'.repeat(64)),
    ),
    required: true,
  },
  environment: optionalEnvironment,
  entityRef: { bad: fc.oneof(badName, fc.constant('component:default')) },
};

/**
 * Every route of the nt-infra API with valid input and what it must refuse.
 * The test compares these keys with the running router: a new route needs an
 * entry here before CI passes.
 */
export const ROUTES: Record<string, RouteSpec> = {
  'GET /health': {},
  'GET /regions': { query: { environment: optionalEnvironment } },
  'GET /regions/:environment/:region/slis': {
    params: { environment: 'production', region: 'eastus' },
    query: {
      minutes: {
        bad: fc.oneof(
          fc.constantFrom('0', '7', '-15', 'abc', '1e9', '60.5'),
          hostileString,
        ),
      },
    },
  },
  'GET /traffic': { query: { environment: optionalEnvironment } },
  'GET /experiments': { query: {} },
  'GET /runs': {
    query: {
      kind: { bad: fc.oneof(hostileString, fc.constant('chaos,failover')) },
      environment: optionalEnvironment,
      region: { bad: regionName.filter(v => typeof v === 'string') },
      entityRef: { bad: fc.oneof(fc.constant(''), oversizedString) },
      state: { bad: fc.oneof(hostileString, fc.constant('running,exploded')) },
      from: instantQuery,
      to: instantQuery,
      limit: limit(200),
      cursor: { bad: oversizedString },
    },
  },
  'GET /runs/:id': { params: uuidParam },
  'GET /audit': {
    query: {
      limit: limit(500),
      cursor: { bad: fc.constant('x'.repeat(21)) },
      actor: { bad: fc.oneof(fc.constant(''), oversizedString) },
      targetType: {
        bad: fc.oneof(fc.constant(''), fc.constant('x'.repeat(65))),
      },
      targetId: { bad: fc.oneof(fc.constant(''), oversizedString) },
      decision: {
        bad: fc.oneof(
          hostileString,
          fc.constantFrom('', 'refused', 'Denied', 'allowed,denied'),
        ),
      },
    },
  },
  'GET /halt': {},
  'POST /halt': { body: { reason } },
  'POST /halt/release': { body: { reason } },
  'POST /runs/chaos/preview': { body: chaosBody },
  'POST /runs/chaos': { body: chaosBody, idempotent: true },
  'POST /runs/:id/stop': { params: uuidParam, body: { reason } },
  'POST /failover-tests/preview': { body: failoverBody },
  'POST /failover-tests': { body: failoverBody, idempotent: true },
  'GET /failover-tests/:id': { params: uuidParam },
  'POST /failover-tests/:id/abort': {
    params: uuidParam,
    body: { reason: { bad: badText } },
  },
  'POST /windows': { body: windowBody },
  'GET /windows': {
    query: {
      environment: optionalEnvironment,
      state: { bad: fc.oneof(hostileString, fc.constant('approved,bogus')) },
      from: instantQuery,
      to: instantQuery,
      limit: limit(200),
      cursor: { bad: oversizedString },
    },
  },
  'GET /windows/:id': { params: uuidParam },
  'POST /windows/:id/approve': { params: uuidParam, body: { comment } },
  'POST /windows/:id/reject': { params: uuidParam, body: { comment } },
  'POST /windows/:id/cancel': {
    params: uuidParam,
    body: { reason: { bad: fc.oneof(notString, oversizedString) } },
  },
  'POST /gitops/changes/preview': { body: changeBody, runs: 40 },
  'POST /gitops/changes': { body: changeBody, idempotent: true, runs: 40 },
  'GET /gitops/changes': {
    query: {
      state: { bad: fc.oneof(hostileString, fc.constant('open,merged')) },
      limit: limit(200),
    },
  },
  'GET /gitops/changes/:id': { params: uuidParam },
  'POST /gitops/changes/:id/approve': { params: uuidParam, body: { comment } },
  'POST /gitops/changes/:id/merge': { params: uuidParam, body: {} },
  'POST /gitops/changes/:id/close': { params: uuidParam, body: { comment } },
  'GET /delivery': { query: { environment: optionalEnvironment } },
  'GET /resilience/scores': {
    query: {
      entityRef: {
        valid: 'component:default/ntai-api',
        bad: fc.oneof(
          fc.constant(''),
          oversizedString,
          fc.constantFrom('ntai-api', 'component:default', 'a:b/c d'),
        ),
        required: true,
      },
      weeks: limit(26),
    },
  },
  'GET /gitops/changes/:id/delivery': { params: uuidParam },
  'GET /gamedays/scenarios': { query: {} },
  'POST /gamedays/preview': { body: gameDayBody },
  'POST /gamedays': { body: gameDayBody, idempotent: true },
  'POST /gamedays/:id/abort': { params: uuidParam, body: { reason } },
  'POST /gamedays/:id/notes': {
    params: uuidParam,
    body: { text: { valid: 'note', bad: badText, required: true } },
  },
  'GET /gamedays/:id/report': {
    params: uuidParam,
    query: {
      format: { bad: fc.oneof(hostileString, fc.constantFrom('html', 'pdf')) },
    },
  },
};
