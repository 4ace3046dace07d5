import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { useRegions } from '../../hooks/useRegions';
import { EnvironmentPanel } from '../EnvironmentPanel';
import { readEntityInfraRefs } from './entityAnnotations';

/**
 * Entity page card: the regions and Traffic Manager profile named by the
 * entity's `nt-infra/regions` and `nt-infra/traffic-manager-profile` annotations.
 */
export function EntityRegionsCard() {
  const { entity } = useEntity();
  const refs = readEntityInfraRefs(entity);
  const { value, loading, error } = useRegions();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const environments = (value?.environments ?? []).filter(environment => {
    if (
      refs.trafficManagerProfile &&
      environment.trafficManager.profileName !== refs.trafficManagerProfile
    ) {
      return false;
    }
    return (
      !refs.regions ||
      environment.regions.some(r => refs.regions!.includes(r.name))
    );
  });

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
        <EnvironmentPanel
          key={environment.name}
          environment={environment}
          regionFilter={refs.regions}
        />
      ))}
    </Flex>
  );
}
