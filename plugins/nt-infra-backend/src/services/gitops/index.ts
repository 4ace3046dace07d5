export { DefaultGitOpsService } from './DefaultGitOpsService';
export type { PortalLinks } from './DefaultGitOpsService';
export type { ChangeRequestStore } from '../../database/ChangeRequestStore';
export { DatabaseChangeRequestStore } from '../../database/DatabaseChangeRequestStore';
export { changeRequestBody } from './types';
export type {
  ChangeKind,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  CheckResult,
} from './types';
