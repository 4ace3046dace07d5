import { Run } from './runs';

/** The annotations the Kubernetes plugin finds an entity's pods by. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** Which pods are the entity's: equality labels, optionally in one namespace. @public */
export interface EntityWorkload {
  namespace?: string;
  labels: Record<string, string>;
}

/**
 * The entity's pods as the Kubernetes plugin selects them: its label
 * selector annotation, else `backstage.io/kubernetes-id=<id>`. Only equality
 * requirements (`k=v`, `k==v`) can be compared with a chaos selector; an
 * annotation with any other requirement (`!=`, `in (…)`, bare keys) names no
 * workload here rather than a wrong one. Shared by the entity card and the
 * backend's resilience score, so both count the same runs as the entity's.
 * @public
 */
export function readWorkloadAnnotations(
  annotations: Record<string, string>,
): EntityWorkload | undefined {
  const namespace =
    annotations[ANNOTATION_KUBERNETES_NAMESPACE]?.trim() || undefined;
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim();
  if (selector) {
    const labels: Record<string, string> = {};
    for (const requirement of selector.split(',')) {
      const match = /^\s*([^=!\s]+)\s*==?\s*([^=!\s]*)\s*$/.exec(requirement);
      if (!match) return undefined;
      labels[match[1]] = match[2];
    }
    return { namespace, labels };
  }
  const id = annotations[ANNOTATION_KUBERNETES_ID]?.trim();
  return id
    ? { namespace, labels: { [ANNOTATION_KUBERNETES_ID]: id } }
    : undefined;
}

interface ChaosSelector {
  namespaces?: unknown;
  labelSelectors?: unknown;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string')
    ? (Object.fromEntries(entries) as Record<string, string>)
    : undefined;
}

/**
 * Whether every pod a chaos run selects belongs to the workload: the run's
 * Chaos Mesh selector (`params.resource`, kept as the run was requested)
 * requires each of the workload's labels with the same value, and looks only
 * in the workload's namespace. A selector narrower than the entity's (an
 * extra label) still hits only its pods; a broader one may hit others' and is
 * not counted as the entity's.
 * @public
 */
export function runHitsWorkload(
  run: Pick<Run, 'params'>,
  workload: EntityWorkload,
): boolean {
  const resource = run.params?.resource as
    | {
        metadata?: { namespace?: unknown };
        spec?: { selector?: ChaosSelector };
      }
    | undefined;
  const selector = resource?.spec?.selector;
  const labels = stringRecord(selector?.labelSelectors);
  if (!labels) return false;
  const wanted = Object.entries(workload.labels);
  if (wanted.length === 0 || wanted.some(([k, v]) => labels[k] !== v)) {
    return false;
  }
  if (!workload.namespace) return true;
  // Chaos Mesh looks in the resource's own namespace when the selector names none.
  const namespaces = Array.isArray(selector?.namespaces)
    ? (selector!.namespaces as unknown[])
    : [];
  return namespaces.length > 0
    ? namespaces.every(ns => ns === workload.namespace)
    : resource?.metadata?.namespace === workload.namespace;
}
