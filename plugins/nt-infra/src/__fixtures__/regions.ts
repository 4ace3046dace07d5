import {
  EnvironmentHealth,
  Observed,
  RegionHealth,
  RegionsResponse,
  TrafficManagerProfileRef,
} from '@internal/plugin-nt-infra-common';

/**
 * The instant the fixtures were "observed" relative to. Tests that assert ages
 * ("5 s ago") pin the clock here with `jest.useFakeTimers({ now: FIXTURE_NOW })`.
 */
export const FIXTURE_NOW = Date.parse('2025-06-01T12:00:00.000Z');

/** An ISO timestamp `seconds` before {@link FIXTURE_NOW}. */
export function secondsBeforeNow(seconds: number): string {
  return new Date(FIXTURE_NOW - seconds * 1000).toISOString();
}

export function ok<T>(value: T, ageSeconds = 5): Observed<T> {
  return { status: 'ok', value, observedAt: secondsBeforeNow(ageSeconds) };
}

export const productionProfileRef: TrafficManagerProfileRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg-ntai-production-global',
  profileName: 'tm-ntai-production',
  resourceId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ntai-production-global/providers/Microsoft.Network/trafficManagerProfiles/tm-ntai-production',
};

const endpointType = 'Microsoft.Network/trafficManagerProfiles/azureEndpoints';

/** East US: the primary, healthy and serving. */
export const eastus: RegionHealth = {
  name: 'eastus',
  displayName: 'East US',
  role: 'primary',
  trafficManagerEndpoint: 'eastus',
  cluster: 'aks-ntai-production-eastus',
  metricsRegion: 'eastus',
  verdict: 'healthy',
  reasons: [],
  serving: true,
  endpoint: ok({
    name: 'eastus',
    type: endpointType,
    target: 'ntai-eastus.eastus.cloudapp.azure.com',
    endpointStatus: 'Enabled',
    endpointMonitorStatus: 'Online',
    priority: 1,
    endpointLocation: 'East US',
  }),
  readiness: ok({
    name: 'aks-ntai-production-eastus',
    workloads: [
      { namespace: 'ntai', name: 'api', desiredReplicas: 3, readyReplicas: 3 },
      {
        namespace: 'ntai',
        name: 'worker',
        desiredReplicas: 2,
        readyReplicas: 2,
      },
    ],
    pods: { total: 5, ready: 5 },
  }),
  slis: ok({
    requestRatePerSecond: 120.4,
    errorRatio: 0.0012,
    latencyP99Seconds: 0.245,
    availability: 0.9988,
    replicationLagSeconds: 0.8,
    burnRates: { '1h': 1.2, '6h': 0.9 },
  }),
  slo: ok({ objective: 0.999, errorBudgetRemaining: 0.73, exhausted: false }),
};

/** West US: the healthy standby. */
export const westus: RegionHealth = {
  ...eastus,
  name: 'westus',
  displayName: 'West US',
  role: 'secondary',
  trafficManagerEndpoint: 'westus',
  cluster: 'aks-ntai-production-westus',
  metricsRegion: 'westus',
  serving: false,
  endpoint: ok({
    name: 'westus',
    type: endpointType,
    target: 'ntai-westus.westus.cloudapp.azure.com',
    endpointStatus: 'Enabled',
    endpointMonitorStatus: 'Online',
    priority: 2,
    endpointLocation: 'West US',
  }),
  readiness: ok({
    name: 'aks-ntai-production-westus',
    workloads: [
      { namespace: 'ntai', name: 'api', desiredReplicas: 3, readyReplicas: 3 },
    ],
    pods: { total: 3, ready: 3 },
  }),
  slis: ok({
    requestRatePerSecond: 0,
    errorRatio: 0,
    latencyP99Seconds: 0.12,
    availability: 1,
    replicationLagSeconds: 2.5,
    burnRates: {},
  }),
};

export function environment(
  regions: RegionHealth[],
  name: EnvironmentHealth['name'] = 'production',
): EnvironmentHealth {
  return { name, trafficManager: productionProfileRef, regions };
}

/** Production on a normal day: East US serves, West US stands by. */
export const productionRegions: RegionsResponse = {
  environments: [environment([eastus, westus])],
};

/** Production mid-incident: East US down, Traffic Manager moved to West US. */
export const failedOverRegions: RegionsResponse = {
  environments: [
    environment([
      {
        ...eastus,
        verdict: 'down',
        reasons: [
          'Traffic Manager probes failing (Degraded)',
          'api: 0/3 replicas ready',
        ],
        serving: false,
        endpoint: ok({
          ...eastus.endpoint.value!,
          endpointMonitorStatus: 'Degraded',
        }),
      },
      { ...westus, serving: true },
    ]),
  ],
};
