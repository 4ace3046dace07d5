import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { GithubProfile } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  createSignInResolverFactory,
  OAuthAuthenticatorResult,
} from '@backstage/plugin-auth-node';
import { z } from 'zod/v3';
import { orgLocationRef } from '../githubOrg/config';
import { githubClientFactory } from '../githubOrg/githubClient';
import { USER_ID_ANNOTATION } from '../githubOrg/orgEntities';

/** Name of the resolver in `auth.providers.github.<env>.signIn.resolvers`. */
export const ORG_MEMBER_RESOLVER = 'organizationMember';

const optionsSchema = z.object({
  /** The organisation whose members may sign in. */
  organization: z.string().min(1),
  /** Host of the `integrations.github` entry to check membership with. */
  host: z.string().default('github.com'),
});

function hasStatus(error: unknown, status: number): boolean {
  return (error as { status?: unknown })?.status === status;
}

/**
 * Signs in a GitHub user only if they are a member of the organisation right
 * now (asked of GitHub with the portal's own credentials, so someone removed
 * from it cannot sign in while the catalog still lists them) and only as the
 * `User` entity the organisation provider made from their GitHub user id
 * (ids, unlike logins, are never reassigned). No other `User`, such as the
 * sample people of catalog/org.yaml, can be signed in as.
 */
export function orgMemberResolverFactory(config: Config) {
  return createSignInResolverFactory({
    optionsSchema,
    create({ organization, host }) {
      const client = githubClientFactory(config, host, organization);
      const location = orgLocationRef(host, organization);
      return async (
        { result }: { result: OAuthAuthenticatorResult<GithubProfile> },
        ctx,
      ) => {
        const login = result.fullProfile.username;
        const id = result.fullProfile.id;
        if (!login || !id) {
          throw new NotAllowedError(
            'GitHub sign-in gave no user name or id; cannot check organisation membership',
          );
        }
        try {
          await (
            await client()
          ).rest.orgs.checkMembershipForUser({
            org: organization,
            username: login,
          });
        } catch (error) {
          if (hasStatus(error, 404)) {
            throw new NotAllowedError(
              `GitHub user '${login}' is not a member of the ${organization} organisation; only its members may sign in`,
            );
          }
          throw error;
        }
        let entity: Entity;
        try {
          ({ entity } = await ctx.findCatalogUser({
            annotations: { [USER_ID_ANNOTATION]: id },
          }));
        } catch (error) {
          if ((error as Error)?.name !== 'NotFoundError') throw error;
          throw new NotAllowedError(
            `GitHub user '${login}' is a member of ${organization} but not yet in the catalog; try again after the next organisation sync`,
          );
        }
        const managedBy =
          entity.metadata.annotations?.['backstage.io/managed-by-location'];
        if (managedBy !== location) {
          throw new NotAllowedError(
            `The catalog user for GitHub user '${login}' does not come from the ${organization} organisation (${
              managedBy ?? 'no location'
            }); refusing to sign in as it`,
          );
        }
        return ctx.signInWithCatalogUser({
          entityRef: {
            kind: 'User',
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          },
        });
      };
    },
  });
}
