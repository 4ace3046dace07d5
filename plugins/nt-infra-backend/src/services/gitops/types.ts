// The request schemas are the contract's (plugins/nt-infra-common/src/schema).
export { changeRequestBody } from '@internal/plugin-nt-infra-common';
export type {
  ChangeKind,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  ChaosExperimentParams,
  CheckResult,
  PromoteParams,
  ScaleWorkloadParams,
  TrafficManagerParams,
} from '@internal/plugin-nt-infra-common';

/** One file as the change leaves it (`after: undefined` would be a deletion; none yet). */
export interface FileChange {
  /** Path relative to the repository root. */
  path: string;
  before?: string;
  after: string;
}

/** The edit a change kind computes: files, a title and a human summary. */
export interface PlannedChange {
  title: string;
  summary: string[];
  files: FileChange[];
}
