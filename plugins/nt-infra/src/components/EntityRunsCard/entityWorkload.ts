import { Entity } from '@backstage/catalog-model';
import {
  EntityWorkload,
  readWorkloadAnnotations,
} from '@internal/plugin-nt-infra-common';

// The matching lives in the common package: the backend's resilience score
// counts the same runs as the entity's as this card does.
export {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  runHitsWorkload,
} from '@internal/plugin-nt-infra-common';
export type { EntityWorkload } from '@internal/plugin-nt-infra-common';

/** The entity's pods as the Kubernetes plugin selects them (see readWorkloadAnnotations). */
export function readEntityWorkload(entity: Entity): EntityWorkload | undefined {
  return readWorkloadAnnotations(entity.metadata.annotations ?? {});
}
