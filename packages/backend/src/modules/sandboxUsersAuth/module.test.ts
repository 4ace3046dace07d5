import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { SANDBOX_USER_HEADER } from './authenticator';
import sandboxUsersModule from '.';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { profile: { displayName: 'Alice (SRE)' }, memberOf: ['sre'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/sre' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bob', namespace: 'default' },
    spec: { memberOf: ['sre-approvers'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/sre-approvers' }],
  },
];

const providerConfig = {
  users: [{ user: 'alice' }, { user: 'bob' }, { user: 'dave' }],
};

async function startAuth(providers: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      sandboxUsersModule,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers },
        },
      }),
    ],
  });
  return server;
}

function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('sandbox-users auth provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  describe('in development', () => {
    beforeEach(() => {
      process.env.NODE_ENV = 'development';
    });

    it('signs in as the chosen catalog user, with their groups', async () => {
      const server = await startAuth({ 'sandbox-users': providerConfig });
      const res = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'alice');
      expect(res.status).toBe(200);
      expect(res.body.profile.displayName).toBe('Alice (SRE)');
      expect(res.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: expect.arrayContaining([
          'user:default/alice',
          'group:default/sre',
        ]),
      });
      expect(claimsOf(res.body.backstageIdentity.token).sub).toBe(
        'user:default/alice',
      );

      const bob = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'bob');
      expect(bob.status).toBe(200);
      expect(bob.body.backstageIdentity.identity.ownershipEntityRefs).toContain(
        'group:default/sre-approvers',
      );
      expect(
        bob.body.backstageIdentity.identity.ownershipEntityRefs,
      ).not.toContain('group:default/sre');
    });

    it('refuses a missing header or a user outside the list with a 400 naming the header', async () => {
      const server = await startAuth({ 'sandbox-users': providerConfig });
      const missing = await request(server).get(
        '/api/auth/sandbox-users/refresh',
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain(SANDBOX_USER_HEADER);

      const stranger = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'carol');
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toMatch(
        /'carol' is not one of the sandbox users \(alice, bob, dave\)/,
      );
    });

    it('refuses a listed user the catalog does not know', async () => {
      const server = await startAuth({ 'sandbox-users': providerConfig });
      const res = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'dave');
      expect(res.status).toBe(404);
      expect(res.body.backstageIdentity).toBeUndefined();
    });

    it('is absent unless configured', async () => {
      const server = await startAuth({ guest: {} });
      const res = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'alice');
      expect(res.status).toBe(404);
    });
  });

  describe('outside development', () => {
    beforeEach(() => {
      process.env.NODE_ENV = 'production';
    });

    it('refuses to sign anyone in', async () => {
      const server = await startAuth({ 'sandbox-users': providerConfig });
      const res = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'alice');
      expect(res.status).toBe(403);
      expect(res.body.backstageIdentity).toBeUndefined();
    });

    it('signs in only when explicitly allowed', async () => {
      const server = await startAuth({
        'sandbox-users': {
          ...providerConfig,
          dangerouslyAllowOutsideDevelopment: true,
        },
      });
      const res = await request(server)
        .get('/api/auth/sandbox-users/refresh')
        .set(SANDBOX_USER_HEADER, 'alice');
      expect(res.status).toBe(200);
    });
  });
});
