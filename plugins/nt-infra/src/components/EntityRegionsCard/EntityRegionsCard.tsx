import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { EnvironmentHealth } from '@internal/plugin-nt-infra-common';
import { useRegions } from '../../hooks/useRegions';
import { RegionSummaryTable } from '../RegionSummaryTable';
import { StatusBadge } from '../StatusBadge';
import { EntityInfraRefs, readEntityInfraRefs } from './entityAnnotations';

/** The environments, and within them the regions, the entity's annotations name. */
function matching(
  environments: EnvironmentHealth[],
  refs: EntityInfraRefs,
): EnvironmentHealth[] {
  return environments
    .filter(
      environment =>
        !refs.trafficManagerProfile ||
        environment.trafficManager.profileName === refs.trafficManagerProfile,
    )
    .map(environment => ({
      ...environment,
      regions: refs.regions
        ? environment.regions.filter(r => refs.regions!.includes(r.name))
        : environment.regions,
    }))
    .filter(environment => environment.regions.length > 0);
}

/**
 * Entity page card: the verdict and serving region of the regions named by the
 * entity's `nt-infra/regions` and `nt-infra/traffic-manager-profile`
 * annotations, compact — the Infrastructure page has the detail.
 */
export function EntityRegionsCard() {
  const { entity } = useEntity();
  const refs = readEntityInfraRefs(entity);
  const regions = useRegions();

  if (regions.loading) {
    return <Progress />;
  }
  if (!regions.value) {
    return <ResponseErrorPanel error={regions.error ?? new Error('No data')} />;
  }

  const environments = matching(regions.value.environments, refs);
  if (environments.length === 0) {
    return (
      <Card>
        <CardHeader>
          <Text as="h3" variant="title-small">
            Regions
          </Text>
        </CardHeader>
        <CardBody>
          <Text color="warning">
            No configured environment matches this entity's annotations
            {refs.trafficManagerProfile
              ? ` (profile ${refs.trafficManagerProfile})`
              : ''}
            {refs.regions ? ` (regions ${refs.regions.join(', ')})` : ''}.
          </Text>
        </CardBody>
      </Card>
    );
  }

  return (
    <Flex direction="column" gap="3">
      {environments.map(environment => (
        <Card
          key={environment.name}
          aria-label={`Environment ${environment.name}`}
        >
          <CardHeader>
            <Flex align="center" gap="2">
              <Text as="h3" variant="title-small">
                Regions · {environment.name}
              </Text>
              <Text variant="body-small" color="secondary">
                Traffic Manager profile {environment.trafficManager.profileName}
              </Text>
              {regions.error ? (
                <StatusBadge tone="warning">
                  stale: {regions.error.message}
                </StatusBadge>
              ) : null}
            </Flex>
          </CardHeader>
          <CardBody>
            <RegionSummaryTable regions={environment.regions} />
          </CardBody>
        </Card>
      ))}
    </Flex>
  );
}
