import {
  TrafficManagerEndpoint,
  TrafficManagerProfile,
} from '@internal/plugin-nt-infra-common';
import { servingEndpoint } from './servingEndpoint';

function endpoint(
  name: string,
  priority: number,
  monitor: TrafficManagerEndpoint['endpointMonitorStatus'],
  status: 'Enabled' | 'Disabled' = 'Enabled',
): TrafficManagerEndpoint {
  return {
    name,
    type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
    endpointStatus: status,
    endpointMonitorStatus: monitor,
    priority,
  };
}

function profile(
  endpoints: TrafficManagerEndpoint[],
  profileStatus: 'Enabled' | 'Disabled' = 'Enabled',
): TrafficManagerProfile {
  return {
    id: 'id',
    name: 'tm',
    profileStatus,
    trafficRoutingMethod: 'Priority',
    dnsConfig: { relativeName: 'tm', fqdn: 'tm.trafficmanager.net', ttl: 60 },
    monitorConfig: {
      protocol: 'HTTPS',
      port: 443,
      path: '/healthz',
      intervalInSeconds: 10,
      timeoutInSeconds: 5,
      toleratedNumberOfFailures: 1,
    },
    endpoints,
  };
}

describe('servingEndpoint', () => {
  it('routes to the lowest priority online endpoint, whatever the list order', () => {
    expect(
      servingEndpoint(
        profile([
          endpoint('westus', 2, 'Online'),
          endpoint('eastus', 1, 'Online'),
        ]),
      ),
    ).toBe('eastus');
  });

  it('fails over when the primary is degraded', () => {
    expect(
      servingEndpoint(
        profile([
          endpoint('eastus', 1, 'Degraded'),
          endpoint('westus', 2, 'Online'),
        ]),
      ),
    ).toBe('westus');
  });

  it('skips a disabled primary', () => {
    expect(
      servingEndpoint(
        profile([
          endpoint('eastus', 1, 'Disabled', 'Disabled'),
          endpoint('westus', 2, 'Online'),
        ]),
      ),
    ).toBe('westus');
  });

  it('answers as if all were online when every enabled endpoint is degraded', () => {
    expect(
      servingEndpoint(
        profile([
          endpoint('eastus', 1, 'Degraded'),
          endpoint('westus', 2, 'Degraded'),
        ]),
      ),
    ).toBe('eastus');
  });

  it('treats an endpoint still being checked as healthy', () => {
    expect(
      servingEndpoint(
        profile([
          endpoint('eastus', 1, 'CheckingEndpoint'),
          endpoint('westus', 2, 'Online'),
        ]),
      ),
    ).toBe('eastus');
  });

  it('serves nobody when the profile or every endpoint is disabled', () => {
    expect(
      servingEndpoint(profile([endpoint('eastus', 1, 'Online')], 'Disabled')),
    ).toBeUndefined();
    expect(
      servingEndpoint(profile([endpoint('eastus', 1, 'Disabled', 'Disabled')])),
    ).toBeUndefined();
  });
});
