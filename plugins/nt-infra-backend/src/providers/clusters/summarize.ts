import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import {
  ClusterReadiness,
  WorkloadReadiness,
} from '@internal/plugin-nt-infra-common';
import { PodSummary } from './ClusterProvider';

export function isPodReady(pod: V1Pod): boolean {
  return (
    pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}

/**
 * The Deployment owning a pod: its ReplicaSet is `<deployment>-<pod-template-hash>`.
 * Falls back to the `app.kubernetes.io/name` label for pods that are not
 * Deployment-managed (StatefulSets, bare pods) but follow the naming contract.
 */
export function owningWorkload(pod: V1Pod): string | undefined {
  const labels = pod.metadata?.labels ?? {};
  const replicaSet = pod.metadata?.ownerReferences?.find(
    o => o.kind === 'ReplicaSet' && o.controller,
  )?.name;
  const hash = labels['pod-template-hash'];
  if (replicaSet && hash && replicaSet.endsWith(`-${hash}`)) {
    return replicaSet.slice(0, -(hash.length + 1));
  }
  return labels['app.kubernetes.io/name'];
}

export function toPodSummary(pod: V1Pod): PodSummary {
  const workload = owningWorkload(pod);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    labels: pod.metadata?.labels ?? {},
    ready: isPodReady(pod),
    phase: pod.status?.phase ?? 'Unknown',
    ...(workload ? { workload } : {}),
  };
}

export function toWorkloadReadiness(d: V1Deployment): WorkloadReadiness {
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    // The API server defaults spec.replicas to 1; status omits zero counts.
    desiredReplicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
  };
}

export function toClusterReadiness(
  cluster: string,
  deployments: V1Deployment[],
  pods: V1Pod[],
): ClusterReadiness {
  // Completed pods (Jobs) are done, not unready: they would skew the ratio.
  const live = pods.filter(p => p.status?.phase !== 'Succeeded');
  return {
    name: cluster,
    workloads: deployments
      .map(toWorkloadReadiness)
      .sort((a, b) => a.name.localeCompare(b.name)),
    pods: { total: live.length, ready: live.filter(isPodReady).length },
  };
}
