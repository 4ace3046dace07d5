/**
 * Standard kinds every real cluster serves but the world does not model.
 * They answer as a cluster without such objects would (empty lists, 404 by
 * name), so clients that list them — Backstage's Kubernetes tab asks for all
 * of these — see a healthy cluster instead of errors.
 */
export interface EmptyKind {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  shortNames?: string[];
}

export const EMPTY_KINDS: EmptyKind[] = [
  {
    group: '',
    version: 'v1',
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    shortNames: ['svc'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'limitranges',
    singular: 'limitrange',
    kind: 'LimitRange',
    shortNames: ['limits'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'resourcequotas',
    singular: 'resourcequota',
    kind: 'ResourceQuota',
    shortNames: ['quota'],
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    shortNames: ['sts'],
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    shortNames: ['ds'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    shortNames: ['hpa'],
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    shortNames: ['cj'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    shortNames: ['ing'],
  },
];

export function findEmptyKind(
  group: string,
  version: string,
  plural: string,
): EmptyKind | undefined {
  return EMPTY_KINDS.find(
    k => k.group === group && k.version === version && k.plural === plural,
  );
}

/** Group/versions that only empty kinds bring, for discovery's group list. */
export function emptyKindGroups(): { name: string; version: string }[] {
  const seen = new Map<string, { name: string; version: string }>();
  for (const k of EMPTY_KINDS) {
    if (k.group)
      seen.set(`${k.group}/${k.version}`, {
        name: k.group,
        version: k.version,
      });
  }
  return [...seen.values()];
}
