import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { SignInResolver } from '@backstage/plugin-auth-node';
import {
  isAllowedHere,
  SandboxUserResult,
  sandboxUserRef,
} from './authenticator';

/**
 * Signs in as the catalog user `user:default/<name>`, so ownership (and with
 * it the permission roles bound to groups) comes from the catalog exactly as
 * for a real sign-in. A user missing from the catalog cannot sign in.
 */
export function signInAsSandboxUser(
  config: Config,
): SignInResolver<SandboxUserResult> {
  return async ({ result }, ctx) => {
    // Checked again here: the resolver issues the token, whatever called it.
    if (!isAllowedHere(config)) {
      throw new NotAllowedError(
        'The sandbox-users provider is for development environments only',
      );
    }
    return ctx.signInWithCatalogUser({
      entityRef: sandboxUserRef(result.userName),
    });
  };
}
