import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Container, Flex, Text } from '@backstage/ui';
import { useRegions } from '../../hooks/useRegions';
import { EnvironmentPanel } from '../EnvironmentPanel';

/** The Infrastructure page: every environment with its regions and Traffic Manager profile. */
export function InfrastructurePage() {
  const { value, loading, error } = useRegions();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const environments = value?.environments ?? [];
  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        {environments.length === 0 ? (
          <Text>
            No environments are configured. Add them under{' '}
            <code>ntInfra.environments</code> in app-config.yaml.
          </Text>
        ) : (
          environments.map(environment => (
            <EnvironmentPanel
              key={environment.name}
              environment={environment}
            />
          ))
        )}
      </Flex>
    </Container>
  );
}
