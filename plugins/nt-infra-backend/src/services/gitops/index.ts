export { DefaultGitOpsService } from './DefaultGitOpsService';
export type { PortalLinks } from './DefaultGitOpsService';
export { ChangeRequestStore } from './ChangeRequestStore';
export { changeRequestBody } from './types';
export type {
  ChangeKind,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  CheckResult,
} from './types';
