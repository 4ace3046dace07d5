import {
  AuthService,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';

const SERVICE_TOKEN_PREFIX = 'mock-service-token:';
const NONE_TOKEN = 'mock-none-token';

/**
 * Backstage's mock auth, but a token one plugin gets on behalf of a user
 * authenticates as that user *with the calling plugin as actor*, as the real
 * auth service's on-behalf-of tokens do. The mock drops the actor, and the
 * permission backend then refuses the catalog's conditional reads for the
 * user (400 "Direct user requests without a resourceRef"), so the scaffolder
 * could not read a template as the person running it.
 */
function onBehalfOfAuth(pluginId: string): AuthService {
  const inner = mockServices.auth({ pluginId });
  return {
    async authenticate(token, options) {
      const credentials = await inner.authenticate(token, options);
      if (
        token.startsWith(SERVICE_TOKEN_PREFIX) &&
        inner.isPrincipal(credentials, 'user')
      ) {
        const { actor } = JSON.parse(token.slice(SERVICE_TOKEN_PREFIX.length));
        if (typeof actor === 'string') {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: actor },
          }) as any;
        }
      }
      return credentials as any;
    },
    async getPluginRequestToken(options) {
      const { token } = await inner.getPluginRequestToken(options);
      if (
        options.onBehalfOf.principal &&
        inner.isPrincipal(options.onBehalfOf, 'user') &&
        token.startsWith(SERVICE_TOKEN_PREFIX)
      ) {
        const claims = JSON.parse(token.slice(SERVICE_TOKEN_PREFIX.length));
        return {
          token: `${SERVICE_TOKEN_PREFIX}${JSON.stringify({
            ...claims,
            actor: `plugin:${pluginId}`,
          })}`,
        };
      }
      return { token };
    },
    getNoneCredentials: () => inner.getNoneCredentials(),
    getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
    isPrincipal: inner.isPrincipal.bind(inner) as AuthService['isPrincipal'],
    getLimitedUserToken: credentials => inner.getLimitedUserToken(credentials),
    listPublicServiceKeys: () => inner.listPublicServiceKeys(),
  };
}

/** The auth service of the note above, per plugin. */
export const onBehalfOfAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => onBehalfOfAuth(plugin.getId()),
});

/** Bearer-token HTTP auth over that auth service (no cookies needed here). */
export const onBehalfOfHttpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { auth: coreServices.auth },
  factory: ({ auth }): HttpAuthService => ({
    async credentials(req: any, options?: any) {
      const header = req.headers.authorization;
      const token =
        typeof header === 'string'
          ? header.match(/^Bearer[ ]+(\S+)$/i)?.[1]
          : undefined;
      const credentials =
        token && token !== NONE_TOKEN
          ? await auth.authenticate(token, {
              allowLimitedAccess: options?.allowLimitedAccess,
            })
          : await auth.getNoneCredentials();
      const allow: string[] | undefined = options?.allow;
      const type = (credentials.principal as { type: string }).type;
      if (!allow || allow.includes(type)) return credentials as any;
      if (type === 'none') throw new AuthenticationError('Missing credentials');
      throw new NotAllowedError(
        `This endpoint does not allow '${type}' credentials`,
      );
    },
    async issueUserCookie() {
      return { expiresAt: new Date(Date.now() + 3_600_000) };
    },
  }),
});
