import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import request from 'supertest';
import { sandboxConfig } from './__testUtils__/sandboxConfig';
import { ntInfraPlugin } from './plugin';

jest.setTimeout(60_000);

/*
 * The cached views answer a viewer who already has the current view with
 * 304 and no body: between two refreshes every poll of an unchanged view
 * costs headers only, and the browser's HTTP cache (which the client's
 * reads revalidate) supplies the body.
 */
describe('conditional reads of the cached views', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
  });
  afterAll(() => sandbox.stop());

  it.each(['/api/nt-infra/regions', '/api/nt-infra/traffic'])(
    '%s answers 304 to the ETag of an unchanged view, 200 to a stale one',
    async path => {
      const { server } = await startTestBackend({
        features: [
          ntInfraPlugin,
          mockServices.rootConfig.factory({
            data: {
              ...sandboxConfig(sandbox.endpoints),
              // One refresh for the whole test: the view cannot change under it.
              ntInfra: {
                ...(sandboxConfig(sandbox.endpoints) as any).ntInfra,
                refreshIntervalSeconds: 60,
              },
            },
          }),
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          }).factory,
        ],
      });
      const auth = mockCredentials.user.header();
      const first = await request(server).get(path).set('Authorization', auth);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toBeTruthy();

      const again = await request(server)
        .get(path)
        .set('Authorization', auth)
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');

      const stale = await request(server)
        .get(path)
        .set('Authorization', auth)
        .set('If-None-Match', 'W/"0-stale"');
      expect(stale.status).toBe(200);
      expect(stale.body.environments.length).toBeGreaterThan(0);

      // A 304 is still an authorised answer: no credentials, no view.
      const anonymous = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header())
        .set('If-None-Match', etag);
      expect(anonymous.status).toBe(401);
    },
  );
});
