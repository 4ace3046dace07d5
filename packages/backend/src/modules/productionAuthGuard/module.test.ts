import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import request from 'supertest';
import sandboxUsersModule from '../sandboxUsersAuth';
import productionAuthGuardModule from '.';

function start(auth: JsonObject) {
  return startTestBackend({
    features: [
      authPlugin,
      guestProvider,
      sandboxUsersModule,
      productionAuthGuardModule,
      mockServices.rootLogger.factory({ level: 'none' }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, auth },
      }),
    ],
  });
}

describe('production auth guard', () => {
  it.each(['guest', 'sandbox-users'])(
    'refuses to start a production backend with auth.providers.%s, naming the key',
    async id => {
      await expect(
        start({
          environment: 'production',
          providers: { [id]: id === 'guest' ? {} : { users: [] } },
        }),
      ).rejects.toThrow(`auth.providers.${id}`);
    },
  );

  it('names every development provider it finds', async () => {
    await expect(
      start({
        environment: 'production',
        providers: { guest: {}, 'sandbox-users': { users: [] } },
      }),
    ).rejects.toThrow(/auth\.providers\.guest, auth\.providers\.sandbox-users/);
  });

  it('starts a production backend without them', async () => {
    const backend = await start({ environment: 'production', providers: {} });
    const res = await request(backend.server).get(
      '/api/auth/.well-known/openid-configuration',
    );
    expect(res.status).toBe(200);
    await backend.stop();
  });

  it('starts a development backend with them', async () => {
    const backend = await start({
      environment: 'development',
      providers: { guest: {} },
    });
    const res = await request(backend.server).get(
      '/api/auth/.well-known/openid-configuration',
    );
    expect(res.status).toBe(200);
    await backend.stop();
  });
});
