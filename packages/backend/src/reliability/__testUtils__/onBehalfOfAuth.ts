import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * Backstage's mock auth service, but a plugin calling another on behalf of a
 * user sends the user with itself as the actor, as the real auth service's
 * tokens do. The mock's own on-behalf-of token drops the actor, so the next
 * plugin sees a direct user request: the permission backend then refuses
 * every conditional decision ("Direct user requests without a resourceRef
 * are not allowed"), and the Kubernetes plugin's resource routes, which ask
 * the catalog for the entity on the user's behalf, failed with it. And it
 * publishes its (empty) set of service keys instead of throwing "Not
 * implemented", which made every plugin's `/.backstage/auth/v1/jwks.json` a 500.
 */
export const onBehalfOfAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const pluginId = plugin.getId();
    const mock = mockServices.auth({ pluginId });
    return Object.assign(Object.create(mock), {
      async getPluginRequestToken(options: {
        onBehalfOf: BackstageCredentials;
        targetPluginId: string;
      }) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${pluginId}` },
            }),
          };
        }
        return mock.getPluginRequestToken(options);
      },
      // Mock tokens are not signed: there is no key to publish.
      async listPublicServiceKeys() {
        return { keys: [] };
      },
    });
  },
});
