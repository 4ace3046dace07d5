import { InputError } from '@backstage/errors';
import {
  ChaosKind,
  ChaosResource,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  RUN_ID_LABEL,
} from './ClusterProvider';

export const CHAOS_GROUP = 'chaos-mesh.org';
export const CHAOS_VERSION = 'v1alpha1';

/** The REST resource (plural) of each Chaos Mesh kind the portal manages. */
export const CHAOS_PLURALS: Record<ChaosKind, string> = {
  PodChaos: 'podchaos',
  NetworkChaos: 'networkchaos',
  StressChaos: 'stresschaos',
};

export const CHAOS_KINDS = Object.keys(CHAOS_PLURALS) as ChaosKind[];

export function chaosPlural(kind: string): string {
  const plural = CHAOS_PLURALS[kind as ChaosKind];
  if (!plural) {
    throw new InputError(
      `Unsupported chaos kind '${kind}', expected one of ${CHAOS_KINDS.join(
        ', ',
      )}`,
    );
  }
  return plural;
}

/**
 * A copy of the resource carrying the labels that let the portal find and
 * clean up everything it created (halt-all, restart recovery). The caller's
 * object, often a manifest from the experiment library, stays untouched.
 */
export function withRunLabels(
  resource: ChaosResource,
  runId: string,
): ChaosResource {
  return {
    ...resource,
    metadata: {
      ...resource.metadata,
      labels: {
        ...resource.metadata.labels,
        [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        [RUN_ID_LABEL]: runId,
      },
    },
  };
}

/** The label selector of what the portal manages, optionally for one run. */
export function managedSelector(runId?: string): string {
  const managed = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
  return runId === undefined ? managed : `${managed},${RUN_ID_LABEL}=${runId}`;
}

/** Kubernetes label values: ≤ 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/**
 * Run ids become label values and label-selector terms; checking them here
 * gives a clear error and keeps a crafted id from widening a selector.
 */
export function assertRunId(runId: string): void {
  if (!LABEL_VALUE.test(runId)) {
    throw new InputError(
      `Run id '${runId}' is not a valid Kubernetes label value (≤ 63 characters, alphanumeric at both ends, '-', '_' or '.' inside)`,
    );
  }
}
