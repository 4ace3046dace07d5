import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Container, Flex, Text } from '@backstage/ui';
import { LIVE_POLL_INTERVAL_MS, useRegions } from '../../hooks/useRegions';
import { useTraffic } from '../../hooks/useTraffic';
import { EnvironmentPanel } from '../EnvironmentPanel';
import { RefreshStatus } from '../RefreshStatus';

/**
 * The Infrastructure overview: is each region healthy, who serves traffic,
 * is it safe. Refreshes live; the Traffic Manager poll only adds the DNS
 * cross-check, so the page works (without it) when that poll fails.
 */
export function RegionsOverviewPage() {
  const regions = useRegions();
  const traffic = useTraffic();

  if (regions.loading) {
    return <Progress />;
  }
  if (!regions.value) {
    // Nothing loaded yet: the error is all there is to show (polling goes on).
    return <ResponseErrorPanel error={regions.error ?? new Error('No data')} />;
  }

  const environments = regions.value.environments;
  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <RefreshStatus
          polled={regions}
          what="regions"
          intervalMs={LIVE_POLL_INTERVAL_MS}
        />
        {traffic.error ? (
          <RefreshStatus
            polled={traffic}
            what="Traffic Manager and DNS"
            intervalMs={LIVE_POLL_INTERVAL_MS}
          />
        ) : null}
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
              traffic={traffic.value?.environments.find(
                t => t.name === environment.name,
              )}
              stale={Boolean(regions.error)}
            />
          ))
        )}
      </Flex>
    </Container>
  );
}
