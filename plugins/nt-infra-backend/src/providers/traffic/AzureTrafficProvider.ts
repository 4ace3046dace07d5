import type {
  Endpoint,
  Profile,
  TrafficManagerManagementClient,
} from '@azure/arm-trafficmanager';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  TrafficManagerEndpoint,
  TrafficManagerProfile,
  TrafficManagerProfileRef,
} from '@internal/plugin-nt-infra-common';
import {
  ArmClientOptions,
  createArmClient,
  createCredential,
} from './createArmClient';
import { toTrafficManagerError } from './errors';
import {
  endpointTypeOf,
  toTrafficManagerEndpoint,
  toTrafficManagerProfile,
} from './mapTrafficManager';
import { readAzureConfig } from './readAzureConfig';
import { TrafficProvider } from './TrafficProvider';
import { CaBundle } from './trustedCaPolicy';

/** The fields a failover test or GameDay changes; nothing else is sent. */
type EndpointPatch = Pick<Endpoint, 'endpointStatus' | 'priority'>;

/**
 * Traffic Manager through Azure Resource Manager with the official SDK: one
 * client per subscription (profiles of several subscriptions share the
 * credential, CAs and retry policy), bounded retries and timeouts per
 * request, and ARM's errors turned into Backstage errors (see errors.ts).
 */
export class AzureTrafficProvider implements TrafficProvider {
  private readonly clients = new Map<string, TrafficManagerManagementClient>();

  /** Reads `ntInfra.azure` (see config.d.ts); throws on invalid config. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): AzureTrafficProvider {
    const azure = readAzureConfig(config);
    const logger = options.logger.child({ provider: 'azure-traffic' });
    const extraCas = azure.caFiles.length
      ? `, extra CAs ${azure.caFiles.join(', ')}`
      : '';
    logger.info(
      `Azure Resource Manager at ${azure.resourceManagerEndpoint} with ${azure.credential.type} credential${extraCas}`,
    );
    return new AzureTrafficProvider({
      resourceManagerEndpoint: azure.resourceManagerEndpoint,
      credential: createCredential(azure.credential),
      caBundle: new CaBundle(azure.caFiles),
      retry: azure.retry,
      timeoutMs: azure.timeoutMs,
      logger,
    });
  }

  private constructor(private readonly options: ArmClientOptions) {}

  async getProfile(
    ref: TrafficManagerProfileRef,
  ): Promise<TrafficManagerProfile> {
    return toTrafficManagerProfile(await this.readProfile(ref));
  }

  setEndpointStatus(
    ref: TrafficManagerProfileRef,
    endpointName: string,
    status: 'Enabled' | 'Disabled',
  ): Promise<TrafficManagerEndpoint> {
    return this.patchEndpoint(ref, endpointName, { endpointStatus: status });
  }

  setEndpointPriority(
    ref: TrafficManagerProfileRef,
    endpointName: string,
    priority: number,
  ): Promise<TrafficManagerEndpoint> {
    // ARM validates the range (1..1000, unique per profile) and its 400
    // reaches the caller as an InputError with ARM's own message.
    return this.patchEndpoint(ref, endpointName, { priority });
  }

  private async readProfile(ref: TrafficManagerProfileRef): Promise<Profile> {
    return this.call(
      `Reading Traffic Manager profile '${ref.profileName}' in resource group '${ref.resourceGroup}'`,
      client => client.profiles.get(ref.resourceGroup, ref.profileName),
      ref,
    );
  }

  /**
   * PATCHes one endpoint with only the changed field. The profile is read
   * first because the endpoint's URL needs its type (external, Azure or
   * nested), which only the profile knows.
   */
  private async patchEndpoint(
    ref: TrafficManagerProfileRef,
    endpointName: string,
    patch: EndpointPatch,
  ): Promise<TrafficManagerEndpoint> {
    const profile = await this.readProfile(ref);
    const endpoints = profile.endpoints ?? [];
    // Azure resource names are case-insensitive.
    const endpoint = endpoints.find(
      e => e.name?.toLowerCase() === endpointName.toLowerCase(),
    );
    if (!endpoint?.name) {
      throw new NotFoundError(
        `Traffic Manager profile '${
          ref.profileName
        }' has no endpoint '${endpointName}' (it has: ${
          endpoints.map(e => e.name).join(', ') || 'none'
        })`,
      );
    }
    const name = endpoint.name;
    const type = endpointTypeOf(endpoint);
    const updated = await this.call(
      `Updating endpoint '${name}' of Traffic Manager profile '${ref.profileName}'`,
      client =>
        client.endpoints.update(
          ref.resourceGroup,
          ref.profileName,
          type,
          name,
          patch,
        ),
      ref,
    );
    this.options.logger.info(
      `Traffic Manager profile '${
        ref.profileName
      }': endpoint '${name}' set ${JSON.stringify(patch)}`,
    );
    return toTrafficManagerEndpoint(updated);
  }

  private async call<T>(
    operation: string,
    fn: (client: TrafficManagerManagementClient) => Promise<T>,
    ref: TrafficManagerProfileRef,
  ): Promise<T> {
    try {
      return await fn(this.client(ref.subscriptionId));
    } catch (error) {
      throw toTrafficManagerError(error, operation);
    }
  }

  private client(subscriptionId: string): TrafficManagerManagementClient {
    let client = this.clients.get(subscriptionId);
    if (!client) {
      client = createArmClient(subscriptionId, this.options);
      this.clients.set(subscriptionId, client);
    }
    return client;
  }
}
