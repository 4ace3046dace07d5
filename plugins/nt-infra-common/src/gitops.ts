import type { z } from 'zod';
import type {
  changeRequestBody,
  chaosExperimentParams,
  promoteParams,
  scaleWorkloadParams,
  trafficManagerParams,
} from './schema';
/** The kinds of infrastructure change the portal can make. @public */
export type ChangeKind =
  | 'scale-workload'
  | 'traffic-manager'
  | 'chaos-experiment'
  | 'promote';

/** One of the CI checks run on a change, named like the CI step. @public */
export interface CheckResult {
  name: string;
  status: 'passed' | 'failed';
  problems: string[];
}

/** Response of `POST /api/nt-infra/gitops/changes/preview`: nothing is written. @public */
export interface ChangePreview {
  kind: ChangeKind;
  title: string;
  summary: string[];
  files: string[];
  diff: string;
  checks: CheckResult[];
  ok: boolean;
}

/** @public */
export type ChangeRequestState = 'open' | 'approved' | 'merged' | 'closed';

/** A change request (a pull request on GitHub, or on the local remote). @public */
export interface ChangeRequest {
  id: string;
  kind: ChangeKind;
  title: string;
  state: ChangeRequestState;
  provider: 'local' | 'github';
  requestedBy: string;
  branch?: string;
  baseSha?: string;
  headSha?: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  runId?: string;
  windowId?: string;
  params: Record<string, unknown>;
  reason: string;
  diff: string;
  checks: CheckResult[];
  approvedBy?: string;
  mergedSha?: string;
  createdAt: string;
  updatedAt: string;
  transitions: Array<{
    from?: ChangeRequestState;
    to: ChangeRequestState;
    actor: string;
    reason: string;
    at: string;
  }>;
}

/** Body of `POST /gitops/changes[/preview]`. @public */
export type ChangeRequestInput = z.infer<typeof changeRequestBody>;
/** @public */
export type ScaleWorkloadParams = z.infer<typeof scaleWorkloadParams>;
/** @public */
export type TrafficManagerParams = z.infer<typeof trafficManagerParams>;
/** @public */
export type ChaosExperimentParams = z.infer<typeof chaosExperimentParams>;
/** @public */
export type PromoteParams = z.infer<typeof promoteParams>;
