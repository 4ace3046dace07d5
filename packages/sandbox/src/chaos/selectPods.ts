import type { SeededRandom } from '../clock';
import {
  structuredSelector,
  MatchExpression,
} from '../kubernetes/labelSelector';
import type { Pod } from '../world';

type Selector = {
  namespaces?: string[];
  labelSelectors?: Record<string, string>;
  expressionSelectors?: MatchExpression[];
  annotationSelectors?: Record<string, string>;
  fieldSelectors?: Record<string, string>;
  podPhaseSelectors?: string[];
  nodes?: string[];
  nodeSelectors?: Record<string, string>;
  pods?: Record<string, string[]>;
};

/**
 * Chaos Mesh's pod selection: the selector narrows the candidates (an empty namespace list
 * means the experiment's own namespace), then the mode picks among them:
 * one (1 random), all, fixed (value pods), fixed-percent (⌊n·value/100⌋),
 * random-max-percent (⌊n·p/100⌋ for a random p in 0..value).
 */
export function selectPods(
  pods: Pod[],
  spec: { selector?: Selector; mode?: string; value?: string },
  ownNamespace: string,
  random: SeededRandom,
): { candidates: Pod[]; selected: Pod[] } {
  const selector = spec.selector ?? {};
  let candidates: Pod[];
  if (selector.pods && Object.keys(selector.pods).length > 0) {
    // Explicit pods replace every other criterion, as in Chaos Mesh.
    candidates = pods.filter(p =>
      selector.pods![p.namespace]?.includes(p.name),
    );
  } else {
    const namespaces = selector.namespaces?.length
      ? selector.namespaces
      : [ownNamespace];
    const matches = structuredSelector(
      selector.labelSelectors,
      selector.expressionSelectors,
    );
    candidates = pods.filter(
      p =>
        namespaces.includes(p.namespace) &&
        matches(p.labels) &&
        // Sandbox pods carry no annotations, so any annotation selector matches nothing.
        Object.keys(selector.annotationSelectors ?? {}).length === 0 &&
        (!selector.nodes?.length || selector.nodes.includes(p.nodeName)) &&
        (!selector.podPhaseSelectors?.length ||
          selector.podPhaseSelectors.includes('Running')) &&
        Object.entries(selector.fieldSelectors ?? {}).every(
          ([field, value]) => podField(p, field) === value,
        ),
    );
  }
  candidates.sort((a, b) => a.name.localeCompare(b.name));
  const n = candidates.length;
  const value = Number(spec.value ?? 0);
  let count: number;
  switch (spec.mode) {
    case 'one':
      count = Math.min(1, n);
      break;
    case 'all':
      count = n;
      break;
    case 'fixed':
      count = Math.min(value, n);
      break;
    case 'fixed-percent':
      count = Math.floor((n * value) / 100);
      break;
    case 'random-max-percent':
      count = Math.floor((n * random.int(value + 1)) / 100);
      break;
    default:
      count = 0;
  }
  return { candidates, selected: random.sample(candidates, count) };
}

/** The pod fields Chaos Mesh's fieldSelectors can name (sandbox pods are always Running). */
function podField(p: Pod, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return p.name;
    case 'spec.nodeName':
      return p.nodeName;
    case 'status.phase':
      return 'Running';
    default:
      return undefined;
  }
}
