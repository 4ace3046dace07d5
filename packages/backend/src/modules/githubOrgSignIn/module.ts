import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  ORG_MEMBER_RESOLVER,
  orgMemberResolverFactory,
} from './orgMemberResolver';

/**
 * The `github` sign-in provider with one sign-in resolver only,
 * `organizationMember`: a config cannot fall back to resolving any GitHub
 * login by entity name. Replaces Backstage's github provider module.
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
            signInResolverFactories: {
              [ORG_MEMBER_RESOLVER]: orgMemberResolverFactory(config),
            },
          }),
        });
      },
    });
  },
});
