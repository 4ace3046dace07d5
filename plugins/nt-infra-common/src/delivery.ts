/**
 * Where a merged change stands on one target (environment × region):
 * - `pending`: merged, not yet picked up for this target;
 * - `applying`: a workflow run or an Argo CD sync is applying it now;
 * - `applied`: the target runs the change's merge commit or a later commit
 *   containing it, synced and healthy;
 * - `awaiting-approval`: held at the production gate (a workflow run waiting
 *   for a deployment review, or an Argo CD app that syncs only on request);
 * - `failed`: the apply or sync failed, or the target is degraded after it;
 * - `unknown`: a source could not be read (`reason` says why); never shown
 *   as fresh.
 * @public
 */
export type DeliveryState =
  | 'pending'
  | 'applying'
  | 'applied'
  | 'awaiting-approval'
  | 'failed'
  | 'unknown';

/** What reports delivery: the IaC workflow runs on GitHub Actions, or Argo CD. @public */
export type DeliverySourceKind = 'github-actions' | 'argocd';

/** One source's view of one target. @public */
export interface SourceDelivery {
  source: DeliverySourceKind;
  state: DeliveryState;
  /** Why the state is what it is, in words (always set for `unknown` and `failed`). */
  reason?: string;
  /** The commit this source last delivered (or is delivering) to the target. */
  revision?: string;
  /** Argo CD sync status (`Synced`, `OutOfSync`, `Unknown`) or the workflow job's status. */
  syncStatus?: string;
  /** Argo CD health (`Healthy`, `Progressing`, `Degraded`, ...) or the job's conclusion. */
  healthStatus?: string;
  /** ISO 8601: when the current sync or run started. */
  startedAt?: string;
  /** ISO 8601: when `revision` was delivered (sync finished, job completed). */
  deliveredAt?: string;
  /** ISO 8601: when the source was read; absent when it never answered. */
  observedAt?: string;
  /** The Argo CD application or the workflow run, for people to look at. */
  url?: string;
}

/** A merged change on one target, combined over the configured sources. @public */
export interface TargetDelivery {
  environment: string;
  region: string;
  /** The least advanced state of the sources (`applied` only when all say so). */
  state: DeliveryState;
  reason?: string;
  sources: SourceDelivery[];
}

/** Response of `GET /api/nt-infra/gitops/changes/:id/delivery`. @public */
export interface ChangeDelivery {
  changeRequestId: string;
  /** Absent while the change request is not merged (then `targets` is empty). */
  mergedSha?: string;
  mergedAt?: string;
  targets: TargetDelivery[];
  /** ISO 8601: when the portal computed this answer. */
  computedAt: string;
}

/** What one target runs now, for entity cards. @public */
export interface TargetRevision {
  environment: string;
  region: string;
  /** The Traffic Manager profile in front of the environment, for entity annotations. */
  trafficManagerProfile?: string;
  /** Whether the target runs the head of the base branch (`unknown` when a source could not be read). */
  state: 'current' | 'behind' | 'unknown';
  reason?: string;
  /** The head of the base branch the target was compared with. */
  mainSha?: string;
  sources: SourceDelivery[];
}

/** Response of `GET /api/nt-infra/delivery`. @public */
export interface DeliverySummary {
  mainSha?: string;
  /** True when every target runs the head of the base branch. */
  fullyDelivered: boolean;
  targets: TargetRevision[];
  computedAt: string;
}
