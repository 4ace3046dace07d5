import { Alert } from '@backstage/ui';
import { EnvironmentTraffic } from '@internal/plugin-nt-infra-common';

/**
 * The warning for the minutes after a failover (or during a split): Traffic
 * Manager already routes to one region while resolvers still hand out the
 * other, cached for up to the TTL. Renders nothing while both agree.
 */
export function ServingDisagreement(props: { traffic: EnvironmentTraffic }) {
  const { traffic } = props;
  const { byTrafficManager, byDns, agree } = traffic.serving;
  if (agree || !byTrafficManager || !byDns) {
    return null;
  }
  const ttl = traffic.dns.value?.ttl ?? traffic.profile.value?.dnsConfig.ttl;
  const fqdn =
    traffic.dns.value?.fqdn ??
    traffic.profile.value?.dnsConfig.fqdn ??
    'the profile';
  const within = ttl !== undefined ? ` — propagation within TTL ${ttl} s` : '';
  return (
    <Alert
      role="alert"
      status="warning"
      icon
      title={`DNS still answers ${byDns}${within}`}
      description={`Traffic Manager routes ${traffic.name} to ${byTrafficManager}, but a live lookup of ${fqdn} still returns ${byDns}. Clients keep reaching ${byDns} until their cached answer expires.`}
    />
  );
}
