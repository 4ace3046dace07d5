import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { armRetryPolicy } from './armRetryPolicy';
import type { ArmRetryOptions, AzureCredentialConfig } from './readAzureConfig';
import { CaBundle, trustedCaPolicy } from './trustedCaPolicy';

/** What every per-subscription client shares. */
export interface ArmClientOptions {
  resourceManagerEndpoint: string;
  credential: TokenCredential;
  caBundle: CaBundle;
  retry: ArmRetryOptions;
  timeoutMs: number;
  logger: LoggerService;
}

// Long enough that the bearer policy never refreshes it mid-run; it is a
// constant (the sandbox accepts any token), so "refreshing" is free anyway.
const STATIC_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export function createCredential(
  config: AzureCredentialConfig,
): TokenCredential {
  if (config.type === 'static') {
    const token = config.token;
    return {
      getToken: async () => ({
        token,
        expiresOnTimestamp: Date.now() + STATIC_TOKEN_LIFETIME_MS,
      }),
    };
  }
  // Workload identity on AKS, managed identity on a VM, `az login` locally.
  return new DefaultAzureCredential();
}

export function createArmClient(
  subscriptionId: string,
  options: ArmClientOptions,
): TrafficManagerManagementClient {
  const client = new TrafficManagerManagementClient(
    options.credential,
    subscriptionId,
    {
      endpoint: options.resourceManagerEndpoint,
      additionalPolicies: [
        { policy: trustedCaPolicy(options.caBundle), position: 'perCall' },
      ],
    },
  );
  // Swap the SDK's retry policy for ours in the same phase (see
  // armRetryPolicy.ts for what the SDK's does not cover).
  client.pipeline.removePolicy({ phase: 'Retry' });
  client.pipeline.addPolicy(
    armRetryPolicy({
      ...options.retry,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    }),
    { phase: 'Retry' },
  );
  return client;
}
