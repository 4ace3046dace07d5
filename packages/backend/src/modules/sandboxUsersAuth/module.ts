import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { sandboxUsersAuthenticator } from './authenticator';
import { signInAsSandboxUser } from './resolver';

/** Auth provider id; enabled only by `auth.providers.sandbox-users`. */
export const SANDBOX_USERS_PROVIDER_ID = 'sandbox-users';

/**
 * Development sign-in as one of the catalog users listed in
 * `auth.providers.sandbox-users.users`, for playing several people (four-eyes
 * approvals) against the sandbox world. Absent from the production config.
 */
export const authModuleSandboxUsersProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'sandbox-users-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const providerConfig = config.getOptionalConfig(
          `auth.providers.${SANDBOX_USERS_PROVIDER_ID}`,
        );
        if (!providerConfig) {
          // Not configured: the auth backend answers 404 for this provider.
          return;
        }
        providers.registerProvider({
          providerId: SANDBOX_USERS_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: sandboxUsersAuthenticator,
            signInResolver: signInAsSandboxUser(providerConfig),
          }),
        });
      },
    });
  },
});
