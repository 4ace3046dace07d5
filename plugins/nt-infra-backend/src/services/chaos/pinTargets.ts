import { InputError } from '@backstage/errors';
import {
  ChaosResource,
  PodSummary,
} from '../../providers/clusters/ClusterProvider';

/**
 * A copy of the resource that hits exactly `targets`: `mode: all` and a
 * selector of only `pods: {namespace: [names]}`. The rest of the spec
 * (action, duration, delay, stressors, direction, NetworkChaos `target`…)
 * is kept; the caller's object is not modified.
 *
 * The other selector fields are dropped, not kept beside `pods`: Chaos Mesh's
 * `SelectPods` ignores every other criterion once `pods` is set, so keeping
 * them would only suggest to a reader of the applied object a filter that
 * does not exist. A listed pod that is gone by apply time is skipped by
 * Chaos Mesh, never replaced by another one.
 */
export function pinTargets(
  resource: ChaosResource,
  targets: PodSummary[],
): ChaosResource {
  if (targets.length === 0) {
    // An empty `pods` map is ignored by Chaos Mesh, which then selects by
    // the remaining (here: no) criteria, i.e. every pod of the namespace.
    throw new InputError(
      `refusing to pin ${resource.kind} ${resource.metadata.name} to no pod`,
    );
  }
  const pods: Record<string, string[]> = {};
  for (const pod of targets) {
    (pods[pod.namespace] ??= []).push(pod.name);
  }
  for (const names of Object.values(pods)) names.sort();
  const { value: _value, ...spec } = structuredClone(resource.spec);
  return {
    ...structuredClone(resource),
    spec: { ...spec, mode: 'all', selector: { pods } },
  };
}
