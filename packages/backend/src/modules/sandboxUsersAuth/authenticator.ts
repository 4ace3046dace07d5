import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The request header in which the sign-in page names the chosen user. */
export const SANDBOX_USER_HEADER = 'x-nt-sandbox-user';

/** What the authenticator hands to the sign-in resolver. */
export type SandboxUserResult = { userName: string };

type AuthenticatorContext =
  | { disabled: true }
  | { disabled: false; userNames: ReadonlySet<string> };

/**
 * Password-less sign-in as one of a fixed list of catalog users, so that two
 * people (a requester and an approver) can be played in one browser against
 * the sandbox world. Like the guest provider, it refuses to work outside a
 * development environment unless that is explicitly allowed.
 */
export const sandboxUsersAuthenticator = createProxyAuthenticator({
  // The catalog's display name, so the settings page says who is signed in.
  defaultProfileTransform: async (result: SandboxUserResult, ctx) => {
    const found = await ctx
      .findCatalogUser({ entityRef: sandboxUserRef(result.userName) })
      .catch(() => undefined);
    const profile = found?.entity.spec?.profile as
      | { displayName?: string; email?: string }
      | undefined;
    return {
      profile: {
        displayName: profile?.displayName ?? result.userName,
        email: profile?.email,
      },
    };
  },
  initialize({ config }): AuthenticatorContext {
    if (!isAllowedHere(config)) {
      return { disabled: true };
    }
    return { disabled: false, userNames: new Set(readUserNames(config)) };
  },
  async authenticate({ req }, ctx: AuthenticatorContext) {
    if (ctx.disabled) {
      throw new NotAllowedError(
        "The sandbox-users provider cannot be used outside of a development environment unless 'auth.providers.sandbox-users.dangerouslyAllowOutsideDevelopment' is enabled",
      );
    }
    const userName = req.header(SANDBOX_USER_HEADER)?.trim();
    if (!userName) {
      throw new InputError(
        `Missing header ${SANDBOX_USER_HEADER}: name the user to sign in as`,
      );
    }
    if (!ctx.userNames.has(userName)) {
      throw new InputError(
        `Header ${SANDBOX_USER_HEADER}: '${userName}' is not one of the sandbox users (${[
          ...ctx.userNames,
        ].join(', ')})`,
      );
    }
    const result: SandboxUserResult = { userName };
    return { result };
  },
});

/** True when the provider may sign people in in this process. */
export function isAllowedHere(config: Config): boolean {
  return (
    process.env.NODE_ENV === 'development' ||
    config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true
  );
}

/** The user names listed under `users` (`- user: alice`). */
export function readUserNames(config: Config): string[] {
  return config.getConfigArray('users').map(user => user.getString('user'));
}

/** The catalog user a sandbox user name stands for. */
export function sandboxUserRef(userName: string): string {
  return stringifyEntityRef({
    kind: 'User',
    namespace: 'default',
    name: userName,
  });
}
