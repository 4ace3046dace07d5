import { Config } from '@backstage/config';
import {
  ENVIRONMENT_NAMES,
  EnvironmentConfig,
  RegionConfig,
  RegionRole,
} from '@internal/plugin-nt-infra-common';

const REGION_ROLES: RegionRole[] = ['primary', 'secondary'];

function oneOf<T extends string>(
  config: Config,
  key: string,
  allowed: readonly T[],
): T {
  const value = config.getString(key);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid ntInfra config: '${key}' is '${value}', expected one of ${allowed.join(
        ', ',
      )}`,
    );
  }
  return value as T;
}

function readRegion(config: Config, subscriptionId: string): RegionConfig {
  const cluster = config.getString('cluster');
  const aks = config.getOptionalConfig('aks');
  return {
    name: config.getString('name'),
    displayName: config.getString('displayName'),
    role: oneOf(config, 'role', REGION_ROLES),
    trafficManagerEndpoint: config.getString('trafficManagerEndpoint'),
    cluster,
    metricsRegion:
      config.getOptionalString('metricsRegion') ?? config.getString('name'),
    ...(aks && {
      clusterResourceId: `/subscriptions/${
        aks.getOptionalString('subscriptionId') ?? subscriptionId
      }/resourceGroups/${aks.getString(
        'resourceGroup',
      )}/providers/Microsoft.ContainerService/managedClusters/${
        aks.getOptionalString('name') ?? cluster
      }`,
    }),
  };
}

function readEnvironment(config: Config): EnvironmentConfig {
  const name = oneOf(config, 'name', ENVIRONMENT_NAMES);
  const tm = config.getConfig('trafficManager');
  const subscriptionId = tm.getString('subscriptionId');
  const resourceGroup = tm.getString('resourceGroup');
  const profileName = tm.getString('profileName');
  const regions = config
    .getConfigArray('regions')
    .map(r => readRegion(r, subscriptionId));

  const primaries = regions.filter(r => r.role === 'primary');
  if (primaries.length !== 1) {
    // Priority failover needs exactly one region that serves by default.
    throw new Error(
      `Invalid ntInfra config: environment '${name}' must have exactly one primary region, found ${primaries.length}`,
    );
  }
  const names = new Set(regions.map(r => r.name));
  if (names.size !== regions.length) {
    throw new Error(
      `Invalid ntInfra config: environment '${name}' lists a region twice`,
    );
  }

  return {
    name,
    trafficManager: {
      subscriptionId,
      resourceGroup,
      profileName,
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${profileName}`,
    },
    // Primary first: the order Traffic Manager's priority routing uses.
    regions: [...primaries, ...regions.filter(r => r.role !== 'primary')],
  };
}

/**
 * Reads and checks `ntInfra.environments`, failing start-up with a message
 * naming the bad key rather than serving a half-configured portal.
 */
export function readEnvironments(config: Config): EnvironmentConfig[] {
  const environments = (
    config.getOptionalConfigArray('ntInfra.environments') ?? []
  ).map(readEnvironment);
  const names = new Set(environments.map(e => e.name));
  if (names.size !== environments.length) {
    throw new Error('Invalid ntInfra config: an environment is listed twice');
  }
  return environments;
}
