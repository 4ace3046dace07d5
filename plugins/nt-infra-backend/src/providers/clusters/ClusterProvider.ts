import { ClusterReadiness } from '@internal/plugin-nt-infra-common';

/** A pod as the portal needs it: for blast-radius previews and readiness. */
export interface PodSummary {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ready: boolean;
  phase: string;
  /** The owning workload, e.g. the Deployment `ntai-api`, when known from labels/owners. */
  workload?: string;
}

/** The Chaos Mesh kinds the portal creates. */
export type ChaosKind = 'PodChaos' | 'NetworkChaos' | 'StressChaos';

/** A Chaos Mesh custom resource (chaos-mesh.org/v1alpha1). */
export interface ChaosResource {
  apiVersion: 'chaos-mesh.org/v1alpha1';
  kind: ChaosKind;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    creationTimestamp?: string;
  };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/**
 * The Kubernetes API of each region's cluster, by cluster name (the names of
 * `kubernetes.clusterLocatorMethods` in app-config). Every resource the portal
 * creates carries `app.kubernetes.io/managed-by: nt-infra` and
 * `nt-infra.io/run-id`, so the portal can always find (and clean up) what it made.
 */
export interface ClusterProvider {
  clusterNames(): string[];
  getReadiness(cluster: string, namespace: string): Promise<ClusterReadiness>;
  listPods(
    cluster: string,
    namespace: string,
    labelSelector?: string,
  ): Promise<PodSummary[]>;
  createChaos(
    cluster: string,
    resource: ChaosResource,
    runId: string,
  ): Promise<ChaosResource>;
  getChaos(
    cluster: string,
    kind: ChaosKind,
    namespace: string,
    name: string,
  ): Promise<ChaosResource | undefined>;
  /** Every chaos resource the portal created in the cluster, optionally for one run. */
  listManagedChaos(cluster: string, runId?: string): Promise<ChaosResource[]>;
  /** Idempotent: deleting what is already gone succeeds. */
  deleteChaos(
    cluster: string,
    kind: ChaosKind,
    namespace: string,
    name: string,
  ): Promise<void>;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'nt-infra';
export const RUN_ID_LABEL = 'nt-infra.io/run-id';
