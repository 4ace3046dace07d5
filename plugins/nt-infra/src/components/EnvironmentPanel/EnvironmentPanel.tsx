import { Card, CardBody, CardHeader, Flex, Grid, Text } from '@backstage/ui';
import {
  EnvironmentHealth,
  EnvironmentTraffic,
} from '@internal/plugin-nt-infra-common';
import { RegionPanel } from '../RegionPanel';
import { RegionSummaryTable } from '../RegionSummaryTable';
import { ServingDisagreement } from '../ServingDisagreement';
import { StatusBadge } from '../StatusBadge';

/** Who serves the environment, in one sentence, from the regions' own flags. */
function ServingLine(props: {
  environment: EnvironmentHealth;
  traffic?: EnvironmentTraffic;
}) {
  const { environment, traffic } = props;
  const serving = environment.regions.filter(r => r.serving);
  if (serving.length === 0) {
    return (
      <StatusBadge tone="danger" strong>
        No region is serving traffic
      </StatusBadge>
    );
  }
  const byDns = traffic?.serving.byDns;
  return (
    <Text variant="body-medium">
      Serving traffic:{' '}
      <strong>{serving.map(r => r.displayName).join(', ')}</strong>
      {byDns ? ` · live DNS answers ${byDns}` : ''}
    </Text>
  );
}

/**
 * One environment on the overview: who serves, a row per region, then a
 * panel per region (primary first) with everything behind its verdict.
 */
export function EnvironmentPanel(props: {
  environment: EnvironmentHealth;
  /** The environment's Traffic Manager view, for the DNS cross-check; optional. */
  traffic?: EnvironmentTraffic;
  /** The latest refresh failed: what is shown is the last good data. */
  stale?: boolean;
}) {
  const { environment, traffic, stale } = props;
  const tm = environment.trafficManager;

  return (
    <Card aria-label={`Environment ${environment.name}`}>
      <CardHeader>
        <Flex direction="column" gap="2">
          <Flex align="center" gap="2">
            <Text as="h3" variant="title-small">
              {environment.name}
            </Text>
            {stale ? (
              <StatusBadge tone="warning">stale: refresh failed</StatusBadge>
            ) : null}
          </Flex>
          <Text variant="body-small" color="secondary">
            Traffic Manager profile <strong>{tm.profileName}</strong> in
            resource group {tm.resourceGroup}
          </Text>
          <ServingLine environment={environment} traffic={traffic} />
          {traffic ? <ServingDisagreement traffic={traffic} /> : null}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          <RegionSummaryTable regions={environment.regions} />
          <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
            {environment.regions.map(region => (
              <Grid.Item key={region.name}>
                <RegionPanel environment={environment.name} region={region} />
              </Grid.Item>
            ))}
          </Grid.Root>
        </Flex>
      </CardBody>
    </Card>
  );
}
