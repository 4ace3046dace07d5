import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_REGIONS,
  ANNOTATION_TRAFFIC_MANAGER_PROFILE,
} from '@internal/plugin-nt-infra-common';

/** What an entity's nt-infra annotations ask the card to show. */
export interface EntityInfraRefs {
  regions?: string[];
  trafficManagerProfile?: string;
}

export function readEntityInfraRefs(entity: Entity): EntityInfraRefs {
  const annotations = entity.metadata.annotations ?? {};
  const regions = annotations[ANNOTATION_REGIONS]?.split(',')
    .map(r => r.trim())
    .filter(Boolean);
  const profile = annotations[ANNOTATION_TRAFFIC_MANAGER_PROFILE]?.trim();
  return {
    regions: regions?.length ? regions : undefined,
    trafficManagerProfile: profile || undefined,
  };
}

/** The card appears on entities that carry at least one nt-infra annotation. */
export function hasInfraAnnotations(entity: Entity): boolean {
  const refs = readEntityInfraRefs(entity);
  return Boolean(refs.regions || refs.trafficManagerProfile);
}
