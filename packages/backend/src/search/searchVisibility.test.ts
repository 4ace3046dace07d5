import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import searchBackend from '@backstage/plugin-search-backend';
import ntInfraBackend from '@internal/plugin-nt-infra-backend';
import ntInfraCollators from '@internal/plugin-search-backend-module-nt-infra';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import permissionPolicyModule from '../modules/permissionPolicy';
import searchEngineModule from '../modules/searchEngine';
import { sandboxPortalConfig } from '../reliability/__testUtils__/sandboxPortalConfig';

jest.setTimeout(180_000);

const VIEWER = 'user:default/vera';
const ENGINEER = 'user:default/alice';
/** Signed in, but bound to no role (and no default role here). */
const NOBODY = 'user:default/nobody';

/*
 * Search over nt-infra through the real policy: the collators index
 * everything as the search plugin, and each caller finds only the types
 * the policy lets them read (nt-infra.run.read, nt-infra.experiment.read).
 */
describe('search of nt-infra experiments and runs', () => {
  let sandbox: TestSandbox;
  let server: any;
  let tmp: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-search-'));
    const config = sandboxPortalConfig(sandbox.endpoints, {
      gitopsRemote: path.join(tmp, 'remote.git'),
      roles: { viewer: [VIEWER], engineer: [ENGINEER] },
    });
    // Its production profile served as staging: a run starts without a window.
    const [environment] = config.ntInfra.environments;
    const ntInfra = {
      ...config.ntInfra,
      environments: [{ ...environment, name: 'staging' }],
    };
    ({ server } = await startTestBackend({
      features: [
        ntInfraBackend,
        searchBackend,
        searchEngineModule,
        ntInfraCollators,
        permissionBackend,
        permissionPolicyModule,
        permissionsServiceFactory,
        // The real scheduler: the collators run again after the run exists.
        schedulerServiceFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootLogger.factory({ level: 'error' }),
        mockServices.rootConfig.factory({
          data: {
            ...config,
            ntInfra,
            search: {
              collators: {
                ntInfra: {
                  schedule: {
                    frequency: { seconds: 1 },
                    timeout: { seconds: 30 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
            },
          },
        }),
      ],
    }));
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const search = (query: string, user?: string) =>
    request(server)
      .get(`/api/search/query?${query}`)
      .set(
        'Authorization',
        user
          ? mockCredentials.user.header(user)
          : mockCredentials.none.header(),
      );

  // First, while no run exists: the collators have run, but Lunr builds no
  // index from zero documents, as on a fresh install.
  it('answers a type with nothing indexed yet with no results, and an unknown type with a 400', async () => {
    await waitFor(
      async () => {
        const res = await search(
          'term=pod&types%5B0%5D=nt-infra-experiment',
          VIEWER,
        );
        expect(res.status).toBe(200);
        return res.body.results.length > 0;
      },
      60_000,
      500,
    );
    for (const user of [VIEWER, NOBODY]) {
      const runs = await search('term=westus&types%5B0%5D=nt-infra-run', user);
      expect(runs.status).toBe(200);
      expect(runs.body.results).toEqual([]);
    }
    const unknown = await search(
      'term=westus&types%5B0%5D=nt-infra-nothing',
      VIEWER,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.name).toBe('InputError');
    expect(unknown.body.error.message).toMatch(/"types"/);
  });

  it('finds a new run for a reader, and nothing of nt-infra for others', async () => {
    const created = await request(server)
      .post('/api/nt-infra/runs/chaos')
      .set('Authorization', mockCredentials.user.header(ENGINEER))
      .send({
        environment: 'staging',
        regions: ['westus'],
        template: {
          type: 'pod-failure',
          workload: { namespace: 'ntai', name: 'ntai-api' },
          duration: '1m',
          mode: 'one',
          stopConditions: [
            {
              metric: 'ntai:slo_burn_rate:5m',
              op: '>',
              threshold: 14.4,
              for: '0s',
            },
          ],
        },
      });
    expect(created.status).toBeLessThan(300);
    const location = `/nt-infra/history?run=${created.body.id}`;

    // Indexed on the collators' next pass, found by what it is about.
    const found = await waitFor(
      async () => {
        const res = await search(
          'term=westus&types%5B0%5D=nt-infra-run',
          VIEWER,
        );
        expect(res.status).toBe(200);
        return res.body.results.find(
          (r: { document: { location: string } }) =>
            r.document.location === location,
        );
      },
      60_000,
      500,
    );
    expect(found).toMatchObject({
      type: 'nt-infra-run',
      document: { runKind: 'chaos', environment: 'staging' },
    });
    const experiments = await search('term=pod', VIEWER);
    expect(experiments.body.results.map((r: any) => r.type)).toContain(
      'nt-infra-experiment',
    );

    // Signed in without the right to read runs or the library: the same
    // queries answer, with nothing of nt-infra in them.
    for (const query of [
      'term=westus&types%5B0%5D=nt-infra-run',
      'term=westus',
      'term=pod',
      `term=${created.body.id}`,
    ]) {
      const res = await search(query, NOBODY);
      expect(res.status).toBe(200);
      expect(
        res.body.results.filter((r: { type: string }) =>
          r.type.startsWith('nt-infra'),
        ),
      ).toEqual([]);
    }

    // No credentials: no search at all.
    expect((await search('term=westus')).status).toBe(401);
  });
});
