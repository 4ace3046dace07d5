import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** For each service principal subject, the environments it may act in. */
export type ServiceEnvironments = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * `ntInfra.serviceAccess`: which environments each service principal (an
 * external access token's subject) may start or stop runs in. A service not
 * listed may act in none: access restrictions say what a token may do, this
 * says where.
 */
export function readServiceEnvironments(config: Config): ServiceEnvironments {
  const map = new Map<string, Set<string>>();
  for (const entry of config.getOptionalConfigArray('ntInfra.serviceAccess') ??
    []) {
    const subject = entry.getString('subject');
    const environments = entry.getStringArray('environments');
    map.set(subject, new Set([...(map.get(subject) ?? []), ...environments]));
  }
  return map;
}

/**
 * Why the caller may not act in `environment`, or undefined when it may.
 * People are bound by the permission policy and the environment's own rules
 * (windows, four-eyes) instead.
 */
export function serviceRefusal(
  credentials: BackstageCredentials,
  environment: string,
  scopes: ServiceEnvironments,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    subject?: string;
  };
  if (principal.type !== 'service') return undefined;
  const subject = principal.subject ?? 'unknown';
  if (scopes.get(subject)?.has(environment)) return undefined;
  return `service ${subject} may not act in environment ${environment} (ntInfra.serviceAccess)`;
}
