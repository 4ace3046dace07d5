import { isRecord } from '../util/files';
import { labelsMatch, Workload } from '../kustomize/objects';

/**
 * Workloads whose pods a Chaos Mesh selector selects. An empty or missing `namespaces` means
 * the resource's own namespace (webhook default), never "all namespaces".
 */
export function selectedWorkloads(
  selector: Record<string, unknown>,
  ownNamespace: string,
  workloads: Workload[],
): Workload[] {
  const namespaces =
    Array.isArray(selector.namespaces) && selector.namespaces.length > 0
      ? selector.namespaces.map(String)
      : [ownNamespace];
  const labels = isRecord(selector.labelSelectors)
    ? (selector.labelSelectors as Record<string, string>)
    : {};
  const expressions = Array.isArray(selector.expressionSelectors)
    ? (selector.expressionSelectors as Array<{
        key: string;
        operator: string;
        values?: string[];
      }>)
    : [];
  return workloads.filter(
    w =>
      namespaces.includes(w.namespace) &&
      labelsMatch(w.podLabels, labels, expressions),
  );
}
