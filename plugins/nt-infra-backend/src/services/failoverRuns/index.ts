export { FailoverRunHandler } from './FailoverRunHandler';
export type { FailoverRunHandlerOptions } from './FailoverRunHandler';
export { FailoverRunService } from './FailoverRunService';
export type { FailoverRunServiceOptions } from './FailoverRunService';
export { failoverRunRequest, abortBody } from './failoverRunRequest';
export type { FailoverRunRequest } from './failoverRunRequest';
export { readFailoverSettings } from './failoverRunTypes';
export type {
  FailoverRunOutcome,
  FailoverRunParams,
  FailoverSettings,
} from './failoverRunTypes';
export type { FailoverTestView } from './failoverTestView';
