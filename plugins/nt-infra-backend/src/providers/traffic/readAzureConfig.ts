import path from 'node:path';
import { Config } from '@backstage/config';

/** Azure's public cloud; sovereign clouds and the sandbox set their own. */
export const DEFAULT_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';

/** Bounds of the retries of throttling (429), 5xx and timeouts. */
export interface ArmRetryOptions {
  /** Retries after the first attempt; `maxRetries + 1` attempts in all. */
  maxRetries: number;
  /** First backoff delay; doubles per retry, with jitter. */
  retryDelayMs: number;
  /**
   * Longest wait before a retry. A Retry-After longer than this ends the
   * retries at once: waiting less than ARM asks would only be throttled again.
   */
  maxRetryDelayMs: number;
}

export type AzureCredentialConfig =
  | { type: 'default' }
  | { type: 'static'; token: string };

/** `ntInfra.azure`, validated, with defaults applied. */
export interface AzureTrafficConfig {
  resourceManagerEndpoint: string;
  /** Absolute paths of PEM files of extra CAs. */
  caFiles: string[];
  credential: AzureCredentialConfig;
  retry: ArmRetryOptions;
  /** Per attempt, so the worst case is about `(maxRetries + 1) * timeoutMs` plus backoff. */
  timeoutMs: number;
}

// Defaults sized for an interactive portal: a page that refreshes every few
// seconds should fail over to "unavailable" in tens of seconds, not minutes.
const DEFAULT_RETRY: ArmRetryOptions = {
  maxRetries: 3,
  retryDelayMs: 500,
  maxRetryDelayMs: 10_000,
};
const DEFAULT_TIMEOUT_MS = 10_000;

function invalid(key: string, problem: string): Error {
  return new Error(`Invalid config: ntInfra.azure.${key} ${problem}`);
}

function readCount(
  config: Config | undefined,
  key: string,
  fallback: number,
  minimum: number,
  prefix = '',
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < minimum) {
    throw invalid(
      `${prefix}${key}`,
      `must be an integer >= ${minimum}, got ${value}`,
    );
  }
  return value;
}

function readCredential(config: Config | undefined): AzureCredentialConfig {
  const type = config?.getOptionalString('type') ?? 'default';
  if (type === 'default') return { type };
  if (type === 'static') {
    const token = config?.getOptionalString('token');
    if (!token) throw invalid('credential.token', 'is required for static');
    return { type, token };
  }
  throw invalid('credential.type', `must be 'default' or 'static'`);
}

export function readAzureConfig(config: Config): AzureTrafficConfig {
  const azure = config.getOptionalConfig('ntInfra.azure');
  const resourceManagerEndpoint = (
    azure?.getOptionalString('resourceManagerEndpoint') ??
    DEFAULT_RESOURCE_MANAGER_ENDPOINT
  ).replace(/\/+$/, '');
  // The SDK refuses to send a bearer token over plain http whatever the
  // options say; failing at startup names the real problem.
  if (!resourceManagerEndpoint.startsWith('https://')) {
    throw invalid(
      'resourceManagerEndpoint',
      `must be an https URL (Azure SDKs send bearer tokens only over TLS), got '${resourceManagerEndpoint}'`,
    );
  }
  const retry = azure?.getOptionalConfig('retry');
  return {
    resourceManagerEndpoint,
    // Relative to the working directory, as Backstage resolves file config.
    caFiles: (azure?.getOptionalStringArray('caFiles') ?? []).map(file =>
      path.resolve(process.cwd(), file),
    ),
    credential: readCredential(azure?.getOptionalConfig('credential')),
    retry: {
      maxRetries: readCount(
        retry,
        'maxRetries',
        DEFAULT_RETRY.maxRetries,
        0,
        'retry.',
      ),
      retryDelayMs: readCount(
        retry,
        'retryDelayMs',
        DEFAULT_RETRY.retryDelayMs,
        0,
        'retry.',
      ),
      maxRetryDelayMs: readCount(
        retry,
        'maxRetryDelayMs',
        DEFAULT_RETRY.maxRetryDelayMs,
        0,
        'retry.',
      ),
    },
    timeoutMs: readCount(azure, 'timeoutMs', DEFAULT_TIMEOUT_MS, 1),
  };
}
