export { FailoverMonitor } from './FailoverMonitor';
export type { FailoverMonitorOptions } from './FailoverMonitor';
export {
  measureFailover,
  expectedTiming,
  DEFAULT_ERROR_OBJECTIVE,
} from './measureFailover';
export type {
  FailoverMeasurement,
  MeasureFailoverInput,
  MeasureFailoverOptions,
  Moment,
  Verdict,
} from './measureFailover';
export { cutPrimary } from './cutPrimary';
export type {
  CutPrimaryOptions,
  CutPrimaryResult,
  DisableEndpointCut,
} from './cutPrimary';
export { restorePrimary } from './restorePrimary';
export type {
  RestorePrimaryOptions,
  RestorePrimaryResult,
} from './restorePrimary';
export { evaluateHoldDown, primaryHealth } from './holdDown';
export type { HoldDownOptions, HoldDownStatus } from './holdDown';
export { failoverTargetOf, failoverTimingOf } from './profileView';
export type * from './types';
export {
  aggregateIntervals,
  clockMapping,
  cutOnPrometheusMs,
  cutPlacementErrorMs,
  userRequestsSelector,
} from './userTraffic';
export type {
  ClockAnchor,
  TrafficInterval,
  UserTrafficReading,
} from './userTraffic';
export { countersUnusable, measureUserImpact } from './measureUserImpact';
