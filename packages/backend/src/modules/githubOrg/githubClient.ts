import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/** Returns a client with fresh credentials (app installation tokens expire). */
export type GithubClientFactory = () => Promise<Octokit>;

/**
 * A REST client for an organisation with the credentials of the matching
 * `integrations.github` entry: a GitHub App installed in the organisation, or
 * a token. Needs read access to members (`members: read` for an app,
 * `read:org` for a token).
 */
export function githubClientFactory(
  config: Config,
  host: string,
  org: string,
): GithubClientFactory {
  const integrations = ScmIntegrations.fromConfig(config);
  const integration = integrations.github.byHost(host);
  if (!integration) {
    throw new Error(
      `No integrations.github entry for host '${host}': the GitHub organisation provider needs its credentials`,
    );
  }
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async () => {
    const { token } = await credentials.getCredentials({
      url: `https://${host}/${org}`,
    });
    if (!token) {
      throw new Error(
        `integrations.github for '${host}' gave no credentials for organisation '${org}'`,
      );
    }
    return new Octokit({ baseUrl: integration.config.apiBaseUrl, auth: token });
  };
}
