/**
 * Wire JSON of Azure Resource Manager's Traffic Manager API (api-version 2022-04-01), as
 * pure functions. The sandbox answers with these and backend unit tests' msw handlers use
 * them too, so both stay identical to what `@azure/arm-trafficmanager` deserialises.
 */
export const TRAFFIC_MANAGER_API_VERSION = '2022-04-01';
export const TRAFFIC_MANAGER_PROFILE_TYPE =
  'Microsoft.Network/trafficManagerProfiles';

export type ArmEndpointKind =
  | 'externalEndpoints'
  | 'azureEndpoints'
  | 'nestedEndpoints';

export type ArmEndpointInput = {
  name: string;
  kind?: ArmEndpointKind;
  target?: string;
  targetResourceId?: string;
  endpointStatus?: 'Enabled' | 'Disabled';
  endpointMonitorStatus?: string;
  priority?: number;
  weight?: number;
  endpointLocation?: string;
  customHeaders?: { name: string; value: string }[];
};

export type ArmProfileInput = {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  tags?: Record<string, string>;
  profileStatus?: 'Enabled' | 'Disabled';
  trafficRoutingMethod?: string;
  dnsConfig: { relativeName: string; ttl: number };
  monitorConfig: {
    protocol: string;
    port: number;
    path?: string;
    intervalInSeconds: number;
    timeoutInSeconds: number;
    toleratedNumberOfFailures: number;
    customHeaders?: { name: string; value: string }[];
    expectedStatusCodeRanges?: { min: number; max: number }[];
  };
  /** Computed by Traffic Manager from the endpoints; defaults to Online. */
  profileMonitorStatus?: string;
  trafficViewEnrollmentStatus?: 'Enabled' | 'Disabled';
  maxReturn?: number;
  endpoints: ArmEndpointInput[];
};

export function armProfileId(p: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}): string {
  return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/${TRAFFIC_MANAGER_PROFILE_TYPE}/${p.name}`;
}

export function armEndpointId(
  profile: { subscriptionId: string; resourceGroup: string; name: string },
  e: ArmEndpointInput,
) {
  return `${armProfileId(profile)}/${e.kind ?? 'externalEndpoints'}/${e.name}`;
}

/** `<relativeName>.trafficmanager.net`, the profile's FQDN. */
export function trafficManagerFqdn(relativeName: string): string {
  return `${relativeName}.trafficmanager.net`.toLowerCase();
}

export function armEndpoint(profile: ArmProfileInput, e: ArmEndpointInput) {
  const kind = e.kind ?? 'externalEndpoints';
  return {
    id: armEndpointId(profile, e),
    name: e.name,
    type: `${TRAFFIC_MANAGER_PROFILE_TYPE}/${kind}`,
    properties: {
      ...(e.targetResourceId !== undefined
        ? { targetResourceId: e.targetResourceId }
        : {}),
      ...(e.target !== undefined ? { target: e.target } : {}),
      endpointStatus: e.endpointStatus ?? 'Enabled',
      endpointMonitorStatus: e.endpointMonitorStatus ?? 'Online',
      ...(e.weight !== undefined ? { weight: e.weight } : {}),
      ...(e.priority !== undefined ? { priority: e.priority } : {}),
      ...(e.endpointLocation !== undefined
        ? { endpointLocation: e.endpointLocation }
        : {}),
      customHeaders: e.customHeaders ?? [],
      alwaysServe: 'Disabled',
    },
  };
}

export function armProfile(p: ArmProfileInput) {
  const m = p.monitorConfig;
  return {
    id: armProfileId(p),
    name: p.name,
    type: TRAFFIC_MANAGER_PROFILE_TYPE,
    location: 'global',
    tags: p.tags ?? {},
    properties: {
      profileStatus: p.profileStatus ?? 'Enabled',
      trafficRoutingMethod: p.trafficRoutingMethod ?? 'Priority',
      dnsConfig: {
        relativeName: p.dnsConfig.relativeName,
        fqdn: trafficManagerFqdn(p.dnsConfig.relativeName),
        ttl: p.dnsConfig.ttl,
      },
      monitorConfig: {
        profileMonitorStatus: p.profileMonitorStatus ?? 'Online',
        protocol: m.protocol,
        port: m.port,
        ...(m.protocol === 'TCP' ? {} : { path: m.path ?? '/' }),
        intervalInSeconds: m.intervalInSeconds,
        toleratedNumberOfFailures: m.toleratedNumberOfFailures,
        timeoutInSeconds: m.timeoutInSeconds,
        customHeaders: m.customHeaders ?? [],
        expectedStatusCodeRanges: m.expectedStatusCodeRanges ?? [],
      },
      endpoints: p.endpoints.map(e => armEndpoint(p, e)),
      trafficViewEnrollmentStatus: p.trafficViewEnrollmentStatus ?? 'Disabled',
      allowedEndpointRecordTypes: ['DomainName'],
      ...(p.maxReturn !== undefined ? { maxReturn: p.maxReturn } : {}),
    },
  };
}

/** The list shape of profiles.listByResourceGroup / listBySubscription (no paging: one page). */
export function armProfileList(profiles: ArmProfileInput[]) {
  return { value: profiles.map(armProfile) };
}

/** ARM's error body: `{"error":{"code","message"}}` (CloudError in the SDK). */
export function armError(
  code: string,
  message: string,
  details?: { code: string; message: string }[],
) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** The well-known ARM errors the sandbox answers, with their HTTP status. */
export const armErrors = {
  missingApiVersion: () =>
    [
      400,
      armError(
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      ),
    ] as const,
  unsupportedApiVersion: (version: string) =>
    [
      400,
      armError(
        'NoRegisteredProviderFound',
        `No registered resource provider found for location 'global' and API version '${version}' for type 'trafficManagerProfiles'. The supported api-versions are '${TRAFFIC_MANAGER_API_VERSION}'.`,
      ),
    ] as const,
  unauthenticated: () =>
    [
      401,
      armError(
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      ),
    ] as const,
  subscriptionNotFound: (subscriptionId: string) =>
    [
      404,
      armError(
        'SubscriptionNotFound',
        `The subscription '${subscriptionId}' could not be found.`,
      ),
    ] as const,
  resourceGroupNotFound: (resourceGroup: string) =>
    [
      404,
      armError(
        'ResourceGroupNotFound',
        `Resource group '${resourceGroup}' could not be found.`,
      ),
    ] as const,
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    [
      404,
      armError(
        'ResourceNotFound',
        `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      ),
    ] as const,
  notFound: (message: string) => [404, armError('NotFound', message)] as const,
  badRequest: (message: string) =>
    [400, armError('BadRequest', message)] as const,
  invalidJson: (message: string) =>
    [
      400,
      armError(
        'InvalidRequestContent',
        `The request content was invalid and could not be deserialized: '${message}'.`,
      ),
    ] as const,
  methodNotAllowed: (method: string) =>
    [
      405,
      armError(
        'MethodNotAllowed',
        `The HTTP method '${method}' is not supported for this resource.`,
      ),
    ] as const,
  noRoute: (path: string) =>
    [
      404,
      armError(
        'InvalidResourceType',
        `The resource type could not be found for path '${path}'.`,
      ),
    ] as const,
};
