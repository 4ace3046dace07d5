import { K8sObject } from '../kustomize/objects';
import { isRecord } from '../util/files';

const record = (value: unknown): Record<string, unknown> =>
  isRecord(value) ? value : {};

/** Kinds that exist once per cluster: Argo CD refuses them unless the project allows them. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'PriorityClass',
  'StorageClass',
  'PersistentVolume',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/**
 * Every cluster-scoped object of the overlay is in the project's clusterResourceWhitelist;
 * otherwise Argo CD fails the whole sync with "not permitted in project".
 */
export function clusterScopeProblems(
  projectName: string,
  objects: K8sObject[],
  project: K8sObject | undefined,
): string[] {
  const allowed = (
    Array.isArray(project?.spec?.clusterResourceWhitelist)
      ? project.spec.clusterResourceWhitelist
      : []
  ).map(record);
  const group = (o: K8sObject) =>
    o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return objects
    .filter(o => CLUSTER_SCOPED.has(o.kind))
    .filter(
      o =>
        !allowed.some(
          a =>
            (a.group === '*' || a.group === group(o)) &&
            (a.kind === '*' || a.kind === o.kind),
        ),
    )
    .map(
      o =>
        `${o.kind} ${o.metadata.name} is cluster-scoped and not in project ${projectName}'s clusterResourceWhitelist`,
    );
}
