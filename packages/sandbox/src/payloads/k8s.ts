/**
 * Wire JSON of the Kubernetes API (core/v1, apps/v1, meta/v1 Status and Table) as pure
 * functions. The sandbox's API servers answer with these, and backend unit tests' msw
 * handlers use the same builders, so fixtures cannot drift from what the sandbox serves.
 */
export const KUBERNETES_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
};

export type K8sPodInput = {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  /** ReplicaSet owning the pod (`<deployment>-<template hash>`). */
  ownerReplicaSet?: string;
  /** Its uid: owner references are matched by uid (Backstage groups pods by it). */
  ownerReplicaSetUid?: string;
  nodeName?: string;
  podIP?: string;
  hostIP?: string;
  containers: { name: string; image: string; port?: number }[];
  ready: boolean;
  /** Why not ready (ContainersNotReady, NodeNotReady …). */
  reason?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  restarts?: number;
  startTime?: string;
  /** When the Ready condition last changed. */
  lastTransitionTime?: string;
};

export function k8sPod(p: K8sPodInput) {
  const ready = p.ready ? 'True' : 'False';
  const since = p.lastTransitionTime ?? p.creationTimestamp;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: p.name,
      generateName: p.ownerReplicaSet ? `${p.ownerReplicaSet}-` : undefined,
      namespace: p.namespace,
      uid: p.uid,
      resourceVersion: p.resourceVersion,
      creationTimestamp: p.creationTimestamp,
      labels: p.labels,
      ...(p.ownerReplicaSet
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: p.ownerReplicaSet,
                uid: p.ownerReplicaSetUid ?? `rs-${p.ownerReplicaSet}`,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: p.containers.map(c => ({
        name: c.name,
        image: c.image,
        ...(c.port
          ? { ports: [{ containerPort: c.port, protocol: 'TCP' }] }
          : {}),
        resources: { requests: { cpu: '100m', memory: '128Mi' } },
      })),
      restartPolicy: 'Always',
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      serviceAccountName: 'default',
    },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: p.creationTimestamp,
        },
        {
          type: 'Initialized',
          status: 'True',
          lastTransitionTime: p.creationTimestamp,
        },
        {
          type: 'ContainersReady',
          status: ready,
          lastTransitionTime: since,
          ...(p.ready ? {} : { reason: p.reason }),
        },
        {
          type: 'Ready',
          status: ready,
          lastTransitionTime: since,
          ...(p.ready ? {} : { reason: p.reason }),
        },
      ],
      ...(p.hostIP ? { hostIP: p.hostIP } : {}),
      ...(p.podIP ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
      startTime: p.startTime ?? p.creationTimestamp,
      containerStatuses: p.containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: `${c.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
        ready: p.ready,
        started: true,
        restartCount: p.restarts ?? 0,
        state: { running: { startedAt: p.startTime ?? p.creationTimestamp } },
      })),
      qosClass: 'Burstable',
    },
  };
}

export type K8sDeploymentInput = {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  generation: number;
  replicas: number;
  readyReplicas: number;
  updatedReplicas?: number;
  containers: { name: string; image: string; port?: number }[];
};

export function k8sDeployment(d: K8sDeploymentInput) {
  const available = d.readyReplicas;
  const selector = {
    'app.kubernetes.io/name': d.labels['app.kubernetes.io/name'] ?? d.name,
  };
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: {
      name: d.name,
      namespace: d.namespace,
      uid: d.uid,
      resourceVersion: d.resourceVersion,
      generation: d.generation,
      creationTimestamp: d.creationTimestamp,
      labels: d.labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: d.labels },
        spec: {
          containers: d.containers.map(c => ({
            name: c.name,
            image: c.image,
            ...(c.port
              ? { ports: [{ containerPort: c.port, protocol: 'TCP' }] }
              : {}),
          })),
        },
      },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
    },
    status: {
      observedGeneration: d.generation,
      replicas: d.replicas,
      updatedReplicas: d.updatedReplicas ?? d.replicas,
      readyReplicas: d.readyReplicas,
      availableReplicas: available,
      ...(d.replicas - available > 0
        ? { unavailableReplicas: d.replicas - available }
        : {}),
      conditions: [
        {
          type: 'Available',
          status:
            available >= Math.max(1, Math.ceil(d.replicas * 0.75)) ||
            d.replicas === 0
              ? 'True'
              : 'False',
          reason:
            available >= Math.ceil(d.replicas * 0.75)
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        },
      ],
    },
  };
}

export type K8sReplicaSetInput = {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  /** The pod template's labels; `pod-template-hash` is added. */
  labels: Record<string, string>;
  templateHash: string;
  generation: number;
  owner: { name: string; uid: string };
  /** Desired (the Deployment's spec.replicas) and the pods that exist and are ready. */
  replicas: number;
  currentReplicas: number;
  readyReplicas: number;
  containers: { name: string; image: string; port?: number }[];
};

/** A Deployment's current ReplicaSet (apps/v1), owned by it as the Deployment controller does. */
export function k8sReplicaSet(r: K8sReplicaSetInput) {
  const labels = { ...r.labels, 'pod-template-hash': r.templateHash };
  const selector = {
    'app.kubernetes.io/name':
      r.labels['app.kubernetes.io/name'] ?? r.owner.name,
    'pod-template-hash': r.templateHash,
  };
  return {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    metadata: {
      name: r.name,
      namespace: r.namespace,
      uid: r.uid,
      resourceVersion: r.resourceVersion,
      generation: r.generation,
      creationTimestamp: r.creationTimestamp,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(r.replicas),
        'deployment.kubernetes.io/max-replicas': String(
          r.replicas + Math.ceil(r.replicas * 0.25),
        ),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: r.owner.name,
          uid: r.owner.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: r.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          containers: r.containers.map(c => ({
            name: c.name,
            image: c.image,
            ...(c.port
              ? { ports: [{ containerPort: c.port, protocol: 'TCP' }] }
              : {}),
          })),
        },
      },
    },
    status: {
      replicas: r.currentReplicas,
      fullyLabeledReplicas: r.currentReplicas,
      readyReplicas: r.readyReplicas,
      availableReplicas: r.readyReplicas,
      observedGeneration: r.generation,
    },
  };
}

export type K8sNamespaceInput = {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
};

export function k8sNamespace(n: K8sNamespaceInput) {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: {
      name: n.name,
      uid: n.uid,
      resourceVersion: n.resourceVersion,
      creationTimestamp: n.creationTimestamp,
      labels: { 'kubernetes.io/metadata.name': n.name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** `<Kind>List`: typed lists carry kind/apiVersion on the list, not on the items. */
export function k8sList(
  kind: string,
  apiVersion: string,
  items: unknown[],
  resourceVersion: string,
) {
  return {
    kind: `${kind}List`,
    apiVersion,
    metadata: { resourceVersion },
    items,
  };
}

export type K8sStatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'InternalError';

/** The meta/v1 Status of an error answer (`kind: Status`, `status: Failure`, `code`). */
export function k8sStatus(
  code: number,
  reason: K8sStatusReason,
  message: string,
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason: string; message: string; field?: string }[];
  },
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** Status of a successful delete without an object to return. */
export function k8sSuccessStatus(details?: {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
}) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details ? { details } : {}),
  };
}

export function k8sNotFound(resource: string, name: string, group = '') {
  return k8sStatus(
    404,
    'NotFound',
    `${group ? `${resource}.${group}` : resource} "${name}" not found`,
    {
      name,
      ...(group ? { group } : {}),
      kind: resource,
    },
  );
}

/** One watch event line (`{"type":"ADDED","object":{…}}`). */
export function k8sWatchEvent(
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK',
  object: unknown,
) {
  return { type, object };
}

export type K8sApiResource = {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
};

export function k8sApiResourceList(
  groupVersion: string,
  resources: K8sApiResource[],
) {
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export function k8sApiGroupList(groups: { name: string; version: string }[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(g => {
      const v = { groupVersion: `${g.name}/${g.version}`, version: g.version };
      return { name: g.name, versions: [v], preferredVersion: v };
    }),
  };
}

export function k8sApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function k8sVersionInfo() {
  return {
    ...KUBERNETES_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** meta.k8s.io/v1 Table, what kubectl asks for to print `get` output. */
export function k8sTable(
  columns: {
    name: string;
    type: string;
    format?: string;
    description?: string;
    priority?: number;
  }[],
  rows: { cells: unknown[]; metadata: Record<string, unknown> }[],
  resourceVersion: string,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      description: '',
      format: '',
      priority: 0,
      ...c,
    })),
    rows: rows.map(r => ({
      cells: r.cells,
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: r.metadata,
      },
    })),
  };
}
