import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ResolverDnsProvider } from '../../../providers/dns/ResolverDnsProvider';
import { PrometheusMetricsProvider } from '../../../providers/metrics/PrometheusMetricsProvider';
import { AzureTrafficProvider } from '../../../providers/traffic/AzureTrafficProvider';
import { FailoverMonitor } from '../FailoverMonitor';

/** Where the monitor's Prometheus is answered by the test's msw handlers. */
export const PROMETHEUS = 'http://prometheus.test';

/**
 * A monitor of eastus → westus whose Prometheus is {@link PROMETHEUS}, read
 * without retries; Traffic Manager and DNS point nowhere a test answers.
 */
export function monitorWith() {
  const logger = mockServices.logger.mock();
  const config = new ConfigReader({
    ntInfra: {
      prometheus: { baseUrl: PROMETHEUS, maxRetries: 0 },
      dns: { servers: ['127.0.0.1:53'] },
      azure: {
        resourceManagerEndpoint: 'https://management.test',
        credential: { type: 'static', token: 'unused' },
      },
    },
  });
  return FailoverMonitor.create({
    traffic: AzureTrafficProvider.fromConfig(config, { logger }),
    dns: ResolverDnsProvider.fromConfig(config, { logger }),
    metrics: PrometheusMetricsProvider.fromConfig(config, { logger }),
    target: {
      profile: {
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        resourceGroup: 'rg',
        profileName: 'tm',
        resourceId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/trafficManagerProfiles/tm',
      },
      primary: {
        region: 'eastus',
        endpoint: 'eastus',
        healthUrl: 'http://eastus.test/healthz',
      },
      secondary: {
        region: 'westus',
        endpoint: 'westus',
        healthUrl: 'http://westus.test/healthz',
      },
    },
    logger,
  });
}
