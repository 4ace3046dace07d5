import { Config } from '@backstage/config';

/** Sign-in providers that let anyone in without a password: development only. */
export const DEVELOPMENT_PROVIDERS = ['guest', 'sandbox-users'] as const;

/**
 * The config keys of development sign-in providers configured while
 * `auth.environment` is `production`; empty when there are none or the
 * environment is another one.
 */
export function developmentProvidersInProduction(config: Config): string[] {
  if (config.getOptionalString('auth.environment') !== 'production') {
    return [];
  }
  return DEVELOPMENT_PROVIDERS.map(id => `auth.providers.${id}`).filter(key =>
    config.has(key),
  );
}
