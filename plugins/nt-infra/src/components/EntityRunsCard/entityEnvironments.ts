import {
  EnvironmentHealth,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { EntityInfraRefs } from '../EntityRegionsCard/entityAnnotations';

/**
 * The environments the entity's annotations point at: the one behind its
 * Traffic Manager profile, narrowed to those holding a named region. Same
 * reading as the Regions card, so both cards talk about the same places.
 */
export function entityEnvironments(
  environments: EnvironmentHealth[],
  refs: EntityInfraRefs,
): EnvironmentName[] {
  return environments
    .filter(
      environment =>
        !refs.trafficManagerProfile ||
        environment.trafficManager.profileName === refs.trafficManagerProfile,
    )
    .filter(
      environment =>
        !refs.regions ||
        environment.regions.some(r => refs.regions!.includes(r.name)),
    )
    .map(environment => environment.name);
}
