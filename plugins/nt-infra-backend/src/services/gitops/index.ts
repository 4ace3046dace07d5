export { DefaultGitOpsService } from './DefaultGitOpsService';
export type { PortalLinks } from './DefaultGitOpsService';
export { ChangeRequestStore } from '../../database/ChangeRequestStore';
export { changeRequestBody } from './types';
export type {
  ChangeKind,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  CheckResult,
} from './types';
