import {
  EnvironmentTraffic,
  TrafficManagerProfile,
  TrafficResponse,
} from '@internal/plugin-nt-infra-common';
import { eastus, ok, productionProfileRef, westus } from './regions';

export const productionProfile: TrafficManagerProfile = {
  id: productionProfileRef.resourceId,
  name: 'tm-ntai-production',
  profileStatus: 'Enabled',
  profileMonitorStatus: 'Online',
  trafficRoutingMethod: 'Priority',
  dnsConfig: {
    relativeName: 'ntai-production',
    fqdn: 'ntai-production.trafficmanager.net',
    ttl: 60,
  },
  monitorConfig: {
    protocol: 'HTTPS',
    port: 443,
    path: '/healthz',
    intervalInSeconds: 10,
    timeoutInSeconds: 5,
    toleratedNumberOfFailures: 2,
  },
  endpoints: [eastus.endpoint.value!, westus.endpoint.value!],
};

export const productionTraffic: EnvironmentTraffic = {
  name: 'production',
  trafficManager: productionProfileRef,
  profile: ok(productionProfile),
  dns: ok({
    fqdn: 'ntai-production.trafficmanager.net',
    server: 'system',
    cname: 'ntai-eastus.eastus.cloudapp.azure.com',
    addresses: ['10.1.0.4'],
    ttl: 60,
  }),
  serving: {
    byTrafficManager: 'eastus',
    byDns: 'eastus',
    endpoint: 'eastus',
    agree: true,
  },
};

/** Normal day: Traffic Manager and DNS both point at East US. */
export const agreeingTraffic: TrafficResponse = {
  environments: [productionTraffic],
};

/** Just after a failover: Traffic Manager routes to westus, DNS still answers eastus. */
export const disagreeingTraffic: TrafficResponse = {
  environments: [
    {
      ...productionTraffic,
      profile: ok({
        ...productionProfile,
        endpoints: [
          { ...eastus.endpoint.value!, endpointMonitorStatus: 'Degraded' },
          westus.endpoint.value!,
        ],
      }),
      serving: {
        byTrafficManager: 'westus',
        byDns: 'eastus',
        endpoint: 'westus',
        agree: false,
      },
    },
  ],
};
