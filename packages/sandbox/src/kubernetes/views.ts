import { k8sDeployment, k8sNamespace, k8sPod } from '../payloads/k8s';
import type { Deployment, Namespace, Pod, World } from '../world';

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
    ownerReplicaSet: `${pod.deployment}-${pod.templateHash}`,
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

export function namespaceJson(n: Namespace) {
  return k8sNamespace({
    name: n.name,
    uid: n.uid,
    resourceVersion: String(n.resourceVersion),
    creationTimestamp: iso(n.createdAt),
  });
}
