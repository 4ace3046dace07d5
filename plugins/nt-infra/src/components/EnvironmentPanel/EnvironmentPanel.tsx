import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { EnvironmentConfig } from '@internal/plugin-nt-infra-common';
import styles from './EnvironmentPanel.module.css';

/** One environment: its Traffic Manager profile and the regions behind it, primary first. */
export function EnvironmentPanel(props: {
  environment: EnvironmentConfig;
  /** Only show these regions (from an entity's annotation); all when absent. */
  regionFilter?: string[];
}) {
  const { environment, regionFilter } = props;
  const regions = regionFilter
    ? environment.regions.filter(r => regionFilter.includes(r.name))
    : environment.regions;
  const tm = environment.trafficManager;

  return (
    <Card aria-label={`Environment ${environment.name}`}>
      <CardHeader>
        <Flex direction="column" gap="1">
          <Text as="h3" variant="title-small">
            {environment.name}
          </Text>
          <Text variant="body-small" color="secondary">
            Traffic Manager profile <strong>{tm.profileName}</strong> in
            resource group {tm.resourceGroup}
          </Text>
        </Flex>
      </CardHeader>
      <CardBody>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Role</th>
              <th scope="col">Priority</th>
              <th scope="col">Traffic Manager endpoint</th>
              <th scope="col">Cluster</th>
            </tr>
          </thead>
          <tbody>
            {regions.map(region => (
              <tr key={region.name}>
                <td>
                  {region.displayName} <code>{region.name}</code>
                </td>
                <td>{region.role}</td>
                <td>{environment.regions.indexOf(region) + 1}</td>
                <td>{region.trafficManagerEndpoint}</td>
                <td>{region.cluster}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}
