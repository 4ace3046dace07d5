import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import {
  EnvironmentTraffic,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';
import { failoverDetection } from '../../lib/failover';
import table from '../../lib/table.module.css';
import { monitorStatusTone } from '../../lib/tones';
import { ObservedStatus } from '../ObservedStatus';
import { ServingMarker } from '../RegionSummaryTable';
import { ServingDisagreement } from '../ServingDisagreement';
import { StatusBadge } from '../StatusBadge';
import styles from './TrafficProfilePanel.module.css';
import { AzurePortalLink } from '../AzurePortalLink';

/** The two independent answers to "who serves", side by side. */
function ServingSources(props: { traffic: EnvironmentTraffic }) {
  const { traffic } = props;
  const dns = traffic.dns.value;
  return (
    <div className={styles.serving}>
      <section
        className={styles.source}
        aria-label="Serving by Traffic Manager"
      >
        <Text variant="body-small" color="secondary">
          Traffic Manager routes to
        </Text>
        <Text as="p" variant="title-small">
          {traffic.serving.byTrafficManager ?? 'no endpoint'}
        </Text>
        <ObservedStatus
          observed={traffic.profile}
          source="Traffic Manager profile"
        />
      </section>
      <section className={styles.source} aria-label="Serving by live DNS">
        <Text variant="body-small" color="secondary">
          Live DNS answers
        </Text>
        <Text as="p" variant="title-small">
          {traffic.serving.byDns ?? 'unknown'}
        </Text>
        {dns ? (
          <Text variant="body-x-small" color="secondary">
            {dns.fqdn} → {dns.cname ?? '(no CNAME)'}
            {dns.addresses.length ? ` → ${dns.addresses.join(', ')}` : ''} · TTL{' '}
            {dns.ttl} s · resolver {dns.server}
          </Text>
        ) : null}
        <ObservedStatus observed={traffic.dns} source="DNS answer" />
      </section>
    </div>
  );
}

function ProfileFacts(props: { profile: TrafficManagerProfile }) {
  const { dnsConfig, monitorConfig: m } = props.profile;
  const detection = failoverDetection(m);
  return (
    <dl className={styles.facts} aria-label="Profile settings">
      <dt>Routing method</dt>
      <dd>{props.profile.trafficRoutingMethod}</dd>
      <dt>FQDN</dt>
      <dd>
        <code>{dnsConfig.fqdn}</code>
      </dd>
      <dt>DNS TTL</dt>
      <dd>{dnsConfig.ttl} s</dd>
      <dt>Health probe</dt>
      <dd>
        {m.protocol} port {m.port}
        {m.path ? (
          <>
            , path <code>{m.path}</code>
          </>
        ) : null}
      </dd>
      <dt>Probe interval / timeout</dt>
      <dd>
        every {m.intervalInSeconds} s, timeout {m.timeoutInSeconds} s
      </dd>
      <dt>Tolerated failures</dt>
      <dd>{m.toleratedNumberOfFailures}</dd>
      <dt>Failover</dt>
      <dd>
        <strong>
          fails over after {detection.failures} consecutive failures, ≈{' '}
          {detection.seconds} s detection
        </strong>
        , then up to {dnsConfig.ttl} s until cached DNS answers expire
      </dd>
    </dl>
  );
}

function EndpointsTable(props: {
  profile: TrafficManagerProfile;
  servingEndpoint?: string;
}) {
  const endpoints = [...props.profile.endpoints].sort(
    (a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity),
  );
  return (
    <table className={table.table} aria-label="Endpoints">
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Target</th>
          <th scope="col">Status</th>
          <th scope="col">Monitor status</th>
          <th scope="col">Priority</th>
        </tr>
      </thead>
      <tbody>
        {endpoints.map(endpoint => {
          const serving = endpoint.name === props.servingEndpoint;
          return (
            <tr
              key={endpoint.name}
              className={serving ? table.serving : undefined}
            >
              <th scope="row">
                <Flex gap="2" align="center">
                  {endpoint.name}
                  {serving ? <ServingMarker /> : null}
                </Flex>
              </th>
              <td>
                <code>{endpoint.target ?? '—'}</code>
              </td>
              <td>{endpoint.endpointStatus}</td>
              <td>
                <StatusBadge
                  tone={monitorStatusTone(endpoint.endpointMonitorStatus)}
                >
                  {endpoint.endpointMonitorStatus ?? 'unknown'}
                </StatusBadge>
              </td>
              <td className={table.numeric}>{endpoint.priority ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One environment's Traffic Manager profile: who it routes to and whether DNS
 * agrees yet, how fast it fails over, and every endpoint's state.
 */
export function TrafficProfilePanel(props: {
  traffic: EnvironmentTraffic;
  /** The latest refresh failed: what is shown is the last good data. */
  stale?: boolean;
}) {
  const { traffic, stale } = props;
  const profile = traffic.profile.value;
  return (
    <Card aria-label={`Traffic Manager ${traffic.name}`}>
      <CardHeader>
        <Flex direction="column" gap="2">
          <Flex align="center" gap="2">
            <Text as="h3" variant="title-small">
              {traffic.name} · {traffic.trafficManager.profileName}
            </Text>
            {profile ? (
              <>
                <StatusBadge
                  tone={
                    profile.profileStatus === 'Enabled' ? 'neutral' : 'warning'
                  }
                  label="Profile"
                >
                  {profile.profileStatus}
                </StatusBadge>
                <StatusBadge
                  tone={monitorStatusTone(profile.profileMonitorStatus)}
                  label="Profile monitor"
                >
                  {profile.profileMonitorStatus ?? 'unknown'}
                </StatusBadge>
              </>
            ) : null}
            {stale ? (
              <StatusBadge tone="warning">stale: refresh failed</StatusBadge>
            ) : null}
          </Flex>
          <Flex align="center" gap="2">
            <Text variant="body-small" color="secondary">
              Resource group {traffic.trafficManager.resourceGroup}
            </Text>
            <AzurePortalLink
              resourceId={traffic.trafficManager.resourceId}
              what={`Traffic Manager profile ${traffic.trafficManager.profileName}`}
            />
          </Flex>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          <ServingDisagreement traffic={traffic} />
          <ServingSources traffic={traffic} />
          {profile ? (
            <>
              <ProfileFacts profile={profile} />
              <EndpointsTable
                profile={profile}
                servingEndpoint={traffic.serving.endpoint}
              />
            </>
          ) : null}
        </Flex>
      </CardBody>
    </Card>
  );
}
