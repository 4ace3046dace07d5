import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Config key of the provider: the organisation whose people sign in. */
export const GITHUB_ORG_CONFIG_KEY = 'catalog.providers.githubOrg';

export interface GithubOrgConfig {
  /** Organisation login, as in https://github.com/<org>. */
  org: string;
  /** Host of an `integrations.github` entry holding the credentials. */
  host: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 10 },
};

/** The provider's settings, or undefined when it is not configured. */
export function readGithubOrgConfig(
  config: Config,
): GithubOrgConfig | undefined {
  const own = config.getOptionalConfig(GITHUB_ORG_CONFIG_KEY);
  if (!own) return undefined;
  const org = own.getString('org').trim();
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org)) {
    throw new Error(
      `${GITHUB_ORG_CONFIG_KEY}.org: '${org}' is not a GitHub organisation login`,
    );
  }
  return {
    org,
    host: own.getOptionalString('host') ?? 'github.com',
    schedule: own.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          own.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}

/**
 * The location every entity of the organisation is attributed to. Catalog
 * rules never see provider entities, so this is what tells them (and the
 * sign-in resolver) apart from a `User` someone registered elsewhere.
 */
export function orgLocationRef(host: string, org: string): string {
  return `url:https://${host}/${org}`;
}
