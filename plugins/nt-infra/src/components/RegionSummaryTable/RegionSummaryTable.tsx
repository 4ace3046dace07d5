import { Flex, Text } from '@backstage/ui';
import { RegionHealth } from '@internal/plugin-nt-infra-common';
import { monitorStatusTone, verdictTone } from '../../lib/tones';
import table from '../../lib/table.module.css';
import { ObservedStatus } from '../ObservedStatus';
import { StatusBadge } from '../StatusBadge';

/** The marker on the region Traffic Manager routes to. */
export function ServingMarker() {
  return <StatusBadge tone="info">Serving traffic</StatusBadge>;
}

/**
 * One row per region, primary first: verdict, whether it serves, and what
 * Traffic Manager thinks of it. The answer to "are we OK" in one look.
 */
export function RegionSummaryTable(props: { regions: RegionHealth[] }) {
  const { regions } = props;
  return (
    <table className={table.table}>
      <thead>
        <tr>
          <th scope="col">Region</th>
          <th scope="col">Role</th>
          <th scope="col">Verdict</th>
          <th scope="col">Traffic</th>
          <th scope="col">Traffic Manager endpoint</th>
        </tr>
      </thead>
      <tbody>
        {regions.map(region => (
          <tr
            key={region.name}
            className={region.serving ? table.serving : undefined}
          >
            <th scope="row">
              {region.displayName} <code>{region.name}</code>
            </th>
            <td>{region.role}</td>
            <td>
              <Flex direction="column" gap="1" align="start">
                <StatusBadge tone={verdictTone[region.verdict]}>
                  {region.verdict}
                </StatusBadge>
                {region.reasons[0] ? (
                  <Text variant="body-x-small" color="secondary">
                    {region.reasons[0]}
                  </Text>
                ) : null}
              </Flex>
            </td>
            <td>
              {region.serving ? (
                <ServingMarker />
              ) : (
                <Text variant="body-small" color="secondary">
                  standby
                </Text>
              )}
            </td>
            <td>
              <EndpointCell region={region} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EndpointCell(props: { region: RegionHealth }) {
  const { endpoint } = props.region;
  const value = endpoint.value;
  return (
    <Flex direction="column" gap="1" align="start">
      {value ? (
        <Flex gap="2" align="center">
          <StatusBadge tone={monitorStatusTone(value.endpointMonitorStatus)}>
            {value.endpointStatus === 'Disabled'
              ? 'Disabled'
              : value.endpointMonitorStatus ?? 'no monitor status'}
          </StatusBadge>
          {value.priority !== undefined ? (
            <Text variant="body-small">priority {value.priority}</Text>
          ) : null}
        </Flex>
      ) : null}
      {endpoint.status !== 'ok' ? (
        <ObservedStatus observed={endpoint} source="Traffic Manager endpoint" />
      ) : null}
    </Flex>
  );
}
