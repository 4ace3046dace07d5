import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import request from 'supertest';
import { startWholeBackend } from '../reliability/__testUtils__/startWholeBackend';

jest.setTimeout(60_000);

const FILE = '/srv/portal/packages/backend/dist/secret-config.json';

/** A plugin whose routes fail the two ways a real one can. */
const failingPlugin = createBackendPlugin({
  pluginId: 'failing',
  register(reg) {
    reg.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        const router = Router();
        router.get('/unexpected', async () => {
          const error = new Error(`ENOENT: no such file, open '${FILE}'`);
          Object.assign(error, { path: FILE, syscall: 'open' });
          throw error;
        });
        router.get('/bad-input', async () => {
          throw new InputError('limit must be a positive integer');
        });
        http.use(router);
      },
    });
  },
});

async function start(authEnvironment: string, nodeEnv: string) {
  const previous = process.env.NODE_ENV;
  // Backstage reads NODE_ENV when each router is built.
  process.env.NODE_ENV = nodeEnv;
  try {
    return await startWholeBackend([failingPlugin], {
      auth: { environment: authEnvironment },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}

const get = (server: any, path: string) =>
  request(server)
    .get(`/api/failing${path}`)
    .set('Authorization', mockCredentials.user.header());

describe('error bodies', () => {
  describe('with a production config, even where NODE_ENV says development', () => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start('production', 'development');
    });
    afterAll(() => backend?.stop());

    it('answers an unexpected failure (500) with a log id and nothing of the server', async () => {
      const res = await get(backend.server, '/unexpected');
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({
        name: 'Error',
        message: expect.stringMatching(
          /^An internal error occurred, logId=[0-9a-f]{20}$/,
        ),
      });
      expect(res.body.response).toEqual({ statusCode: 500 });
      expect(res.text).not.toContain('stack');
      expect(res.text).not.toContain('/srv/portal');
      expect(res.text).not.toMatch(/\.(ts|js):\d+/);
    });

    it('keeps the message of a bad request (400) and drops its stack', async () => {
      const res = await get(backend.server, '/bad-input');
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message: 'limit must be a positive integer',
      });
      expect(res.text).not.toMatch(/\.(ts|js):\d+/);
    });
  });

  describe('on a developer machine', () => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start('development', 'development');
    });
    afterAll(() => backend?.stop());

    it('shows the stack and the message, to debug by', async () => {
      const res = await get(backend.server, '/unexpected');
      expect(res.status).toBe(500);
      expect(res.body.error.message).toContain(FILE);
      expect(res.body.error.stack).toEqual(expect.stringContaining('Error'));
    });
  });
});
