import {
  k8sDeployment,
  k8sNamespace,
  k8sPod,
  k8sReplicaSet,
} from '../payloads/k8s';
import type { Deployment, Namespace, Pod, World } from '../world';
import { derivedUid, replicaSetName } from '../world/naming';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** Container images follow the registry naming of the AKS clusters (ACR per environment). */
function containers(d: {
  name: string;
  spec: { image?: string; port?: number };
}) {
  return [
    {
      name: d.name,
      image: d.spec.image ?? `acrntaiproduction.azurecr.io/${d.name}:1.42.0`,
      port: d.spec.port,
    },
  ];
}

export function podJson(world: World, pod: Pod) {
  const d = world
    .cluster(pod.cluster)
    ?.deployments.get(`${pod.namespace}/${pod.deployment}`);
  const readiness = world.podReadiness(pod);
  return k8sPod({
    name: pod.name,
    namespace: pod.namespace,
    uid: pod.uid,
    resourceVersion: String(pod.resourceVersion),
    creationTimestamp: iso(pod.createdAt),
    labels: pod.labels,
    ownerReplicaSet: replicaSetName(pod.deployment, pod.templateHash),
    ownerReplicaSetUid: d ? replicaSetUid(d) : undefined,
    nodeName: pod.nodeName,
    podIP: pod.podIP,
    hostIP: pod.hostIP,
    containers: d
      ? containers(d)
      : [{ name: pod.deployment, image: 'unknown' }],
    ready: readiness.ready,
    reason: readiness.reason,
    phase:
      readiness.starting &&
      readiness.reason !== 'NodeNotReady' &&
      pod.restarts === 0
        ? 'Pending'
        : 'Running',
    restarts: pod.restarts,
    startTime: iso(pod.createdAt),
  });
}

export function deploymentJson(world: World, d: Deployment) {
  const pods = world.podsOf(d);
  return k8sDeployment({
    name: d.name,
    namespace: d.namespace,
    uid: d.uid,
    resourceVersion: String(d.resourceVersion),
    creationTimestamp: iso(d.createdAt),
    labels: d.labels,
    generation: d.generation,
    replicas: d.replicas,
    readyReplicas: pods.filter(p => world.isPodReady(p)).length,
    updatedReplicas: pods.length,
    containers: containers(d),
  });
}

/** The ReplicaSet's uid follows from its Deployment's and the template it runs. */
export function replicaSetUid(d: Deployment): string {
  return derivedUid(d.uid, d.templateHash);
}

/**
 * The Deployment's one ReplicaSet (the world never rolls out a new template). Its
 * resourceVersion is the newest of its Deployment's and pods', since its status follows both.
 */
export function replicaSetJson(world: World, d: Deployment) {
  const pods = world.podsOf(d);
  const resourceVersion = Math.max(
    d.resourceVersion,
    ...pods.map(p => p.resourceVersion),
  );
  return k8sReplicaSet({
    name: replicaSetName(d.name, d.templateHash),
    namespace: d.namespace,
    uid: replicaSetUid(d),
    resourceVersion: String(resourceVersion),
    creationTimestamp: iso(d.createdAt),
    labels: d.labels,
    templateHash: d.templateHash,
    generation: d.generation,
    owner: { name: d.name, uid: d.uid },
    replicas: d.replicas,
    currentReplicas: pods.length,
    readyReplicas: pods.filter(p => world.isPodReady(p)).length,
    containers: containers(d),
  });
}

export function namespaceJson(n: Namespace) {
  return k8sNamespace({
    name: n.name,
    uid: n.uid,
    resourceVersion: String(n.resourceVersion),
    creationTimestamp: iso(n.createdAt),
  });
}
