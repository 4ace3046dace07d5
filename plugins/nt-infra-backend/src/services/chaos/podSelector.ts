import { InputError } from '@backstage/errors';
import { PodSummary } from '../../providers/clusters/ClusterProvider';

/** The fields of Chaos Mesh's `PodSelectorSpec` the portal can evaluate exactly. */
export interface PodSelector {
  namespaces?: string[];
  labelSelectors?: Record<string, string>;
  expressionSelectors?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
  podPhaseSelectors?: string[];
  pods?: Record<string, string[]>;
}

/**
 * Selector fields that need pod data `ClusterProvider.listPods` does not
 * return (annotations, node, arbitrary fields). A preview that ignored them
 * would count too many pods, so they are refused rather than approximated.
 */
const UNSUPPORTED = [
  'annotationSelectors',
  'fieldSelectors',
  'nodeSelectors',
  'nodes',
] as const;

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown, where: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) {
    throw new InputError(`${where} must be a list of strings`);
  }
  return v as string[];
}

function stringMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined) return {};
  if (!isRecord(v) || Object.values(v).some(x => typeof x !== 'string')) {
    throw new InputError(`${where} must map strings to strings`);
  }
  return v as Record<string, string>;
}

/** Reads a resource's `selector` (or a NetworkChaos `target.selector`) for the preview. */
export function readPodSelector(raw: unknown, where: string): PodSelector {
  if (!isRecord(raw)) {
    throw new InputError(`${where} is missing`);
  }
  for (const field of UNSUPPORTED) {
    const v = raw[field];
    const empty =
      v === undefined ||
      (Array.isArray(v) && v.length === 0) ||
      (isRecord(v) && Object.keys(v).length === 0);
    if (!empty) {
      throw new InputError(
        `${where}.${field} is not supported by the blast-radius preview: the portal cannot see which pods it selects, so it cannot promise an exact preview`,
      );
    }
  }
  const expressions = raw.expressionSelectors;
  if (
    expressions !== undefined &&
    (!Array.isArray(expressions) ||
      expressions.some(
        e =>
          !isRecord(e) ||
          typeof e.key !== 'string' ||
          !OPERATORS.has(String(e.operator)),
      ))
  ) {
    throw new InputError(
      `${where}.expressionSelectors must be {key, operator: In|NotIn|Exists|DoesNotExist, values}`,
    );
  }
  const pods = raw.pods;
  if (
    pods !== undefined &&
    (!isRecord(pods) ||
      Object.values(pods).some(
        names =>
          !Array.isArray(names) || names.some(n => typeof n !== 'string'),
      ))
  ) {
    throw new InputError(`${where}.pods must map namespaces to pod names`);
  }
  return {
    namespaces: stringArray(raw.namespaces, `${where}.namespaces`),
    labelSelectors: stringMap(raw.labelSelectors, `${where}.labelSelectors`),
    expressionSelectors: expressions as PodSelector['expressionSelectors'],
    podPhaseSelectors: stringArray(
      raw.podPhaseSelectors,
      `${where}.podPhaseSelectors`,
    ),
    pods: pods as PodSelector['pods'],
  };
}

function hasExplicitPods(
  selector: PodSelector,
): selector is PodSelector & { pods: Record<string, string[]> } {
  return selector.pods !== undefined && Object.keys(selector.pods).length > 0;
}

/**
 * The namespaces whose pods must be listed to evaluate the selector. An
 * empty `namespaces` means the experiment's own namespace (Chaos Mesh's
 * webhook defaults it so), never "every namespace".
 */
export function selectorNamespaces(
  selector: PodSelector,
  ownNamespace: string,
): string[] {
  if (hasExplicitPods(selector)) {
    return Object.keys(selector.pods).sort();
  }
  const namespaces = selector.namespaces?.length
    ? selector.namespaces
    : [ownNamespace];
  return [...new Set(namespaces)].sort();
}

/**
 * Whether Chaos Mesh's controller would select the pod. As in Chaos Mesh's
 * `SelectPods`, an explicit `pods` map replaces every other criterion: the
 * listed pods that exist are selected, labels and phases are not consulted.
 */
export function selectorMatches(
  selector: PodSelector,
  ownNamespace: string,
  pod: PodSummary,
): boolean {
  if (hasExplicitPods(selector)) {
    return selector.pods[pod.namespace]?.includes(pod.name) ?? false;
  }
  if (!selectorNamespaces(selector, ownNamespace).includes(pod.namespace)) {
    return false;
  }
  const labels = pod.labels;
  for (const [key, value] of Object.entries(selector.labelSelectors ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector.expressionSelectors ?? []) {
    if (!expressionMatches(e, labels)) return false;
  }
  const phases = selector.podPhaseSelectors ?? [];
  return phases.length === 0 || phases.includes(pod.phase);
}

function expressionMatches(
  e: NonNullable<PodSelector['expressionSelectors']>[number],
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, e.key);
  const values = e.values ?? [];
  switch (e.operator) {
    case 'In':
      return has && values.includes(labels[e.key]);
    case 'NotIn':
      // As in Kubernetes: a pod without the label is "not in" any set.
      return !has || !values.includes(labels[e.key]);
    case 'Exists':
      return has;
    default:
      return !has;
  }
}
