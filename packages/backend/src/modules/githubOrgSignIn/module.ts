import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { orgMemberSignInResolver } from './orgMemberResolver';

/**
 * The `github` sign-in provider whose one fixed resolver admits members of
 * the organisation only: it offers no resolver a config could name, so no
 * config can fall back to resolving any GitHub login by entity name (naming
 * one fails sign-in). Replaces Backstage's github provider module.
 */
export const authModuleGithubOrgMemberProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'nt-github-org-member-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            signInResolver: orgMemberSignInResolver(config),
            signInResolverFactories: {},
          }),
        });
      },
    });
  },
});
