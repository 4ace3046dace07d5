import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Container, Flex, Text } from '@backstage/ui';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useTraffic } from '../../hooks/useTraffic';
import { RefreshStatus } from '../RefreshStatus';
import { TrafficProfilePanel } from '../TrafficProfilePanel';

/** The Traffic Manager view: every environment's profile, endpoints and DNS, live. */
export function TrafficManagerPage() {
  const traffic = useTraffic();

  if (traffic.loading) {
    return <Progress />;
  }
  if (!traffic.value) {
    return <ResponseErrorPanel error={traffic.error ?? new Error('No data')} />;
  }

  const environments = traffic.value.environments;
  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <RefreshStatus
          polled={traffic}
          what="Traffic Manager and DNS"
          intervalMs={LIVE_POLL_INTERVAL_MS}
        />
        {environments.length === 0 ? (
          <Text>
            No environments are configured. Add them under{' '}
            <code>ntInfra.environments</code> in app-config.yaml.
          </Text>
        ) : (
          environments.map(environment => (
            <TrafficProfilePanel
              key={environment.name}
              traffic={environment}
              stale={Boolean(traffic.error)}
            />
          ))
        )}
      </Flex>
    </Container>
  );
}
