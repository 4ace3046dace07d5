import type { ClusterSpec, RegionSpec, WorkloadSpec } from '../topology';

/**
 * Something acting on a pod: a Chaos Mesh experiment or a control-API fault. Effects are
 * tagged with their source so ending the experiment removes exactly what it added.
 */
export type Effect =
  | { source: string; kind: 'failure' }
  | { source: string; kind: 'delay'; latencyMs: number }
  /** Probability 0..1 that a request through this pod is lost (network loss, partition). */
  | { source: string; kind: 'loss'; probability: number }
  /** CPU demand in cores added by a stressor; latency and capacity follow utilisation. */
  | { source: string; kind: 'stress'; cpuCores: number; memoryFactor: number };

export type Pod = {
  uid: string;
  name: string;
  namespace: string;
  cluster: string;
  region: string;
  deployment: string;
  templateHash: string;
  labels: Record<string, string>;
  nodeName: string;
  podIP: string;
  hostIP: string;
  createdAt: number;
  /** World time until which the pod is still starting (not ready). */
  startingUntil: number;
  restarts: number;
  resourceVersion: number;
  effects: Effect[];
};

export type Deployment = {
  uid: string;
  name: string;
  namespace: string;
  cluster: string;
  region: string;
  spec: WorkloadSpec;
  replicas: number;
  templateHash: string;
  labels: Record<string, string>;
  createdAt: number;
  generation: number;
  resourceVersion: number;
};

export type Namespace = {
  uid: string;
  name: string;
  createdAt: number;
  resourceVersion: number;
};

export type ClusterState = {
  spec: ClusterSpec;
  region: string;
  /** Monotonic resourceVersion source shared by every object in the cluster, as in etcd. */
  revision: number;
  namespaces: Map<string, Namespace>;
  /** key: namespace/name */
  deployments: Map<string, Deployment>;
  /** key: uid */
  pods: Map<string, Pod>;
  nodes: string[];
};

export type RegionState = {
  spec: RegionSpec;
  /** World time the region went down (all nodes NotReady), if it is down. */
  downSince?: number;
};

export type ObjectChange<T> = {
  cluster: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
};
