import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { productionRegions } from '../__fixtures__/regions';
import { eastusSeries } from '../__fixtures__/slis';
import { agreeingTraffic } from '../__fixtures__/traffic';
import { NtInfraClient } from './NtInfraClient';
import {
  allowedPreview,
  approvedWindow,
  requestedWindow,
  runningRun,
} from '../__fixtures__/chaos';
import { errorMessage } from '../lib/errors';

const server = setupServer();
const baseUrl = 'http://backstage.test/api/nt-infra';

describe('NtInfraClient', () => {
  registerMswTestHooks(server);

  const client = new NtInfraClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi({
      injectIdentityAuth: { token: 'user-token' },
    }),
  });

  it('fetches the regions with the user token', async () => {
    server.use(
      http.get(`${baseUrl}/regions`, ({ request }) => {
        expect(request.headers.get('authorization')).toBe('Bearer user-token');
        expect(new URL(request.url).search).toBe('');
        return HttpResponse.json(productionRegions);
      }),
    );
    await expect(client.getRegions()).resolves.toEqual(productionRegions);
  });

  it('revalidates reads by ETag instead of trusting or bypassing the browser cache', async () => {
    const modes: string[] = [];
    server.use(
      http.get(`${baseUrl}/regions`, ({ request }) => {
        modes.push(request.cache);
        return HttpResponse.json(productionRegions);
      }),
      http.post(`${baseUrl}/runs/:id/stop`, ({ request }) => {
        modes.push(request.cache);
        return HttpResponse.json(runningRun);
      }),
    );
    await client.getRegions();
    await client.stopRun(runningRun.id, 'done');
    expect(modes).toEqual(['no-cache', 'default']);
  });

  it('passes the environment filter as a query parameter', async () => {
    server.use(
      http.get(`${baseUrl}/regions`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('environment')).toBe(
          'production',
        );
        return HttpResponse.json(productionRegions);
      }),
    );
    await expect(
      client.getRegions({ environment: 'production' }),
    ).resolves.toEqual(productionRegions);
  });

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/regions`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed: x' },
            request: { method: 'GET', url: '/regions' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client.getRegions().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.body.error.message).toBe('Not allowed: x');
  });

  it('fetches the Traffic Manager view', async () => {
    server.use(
      http.get(`${baseUrl}/traffic`, ({ request }) => {
        expect(request.headers.get('authorization')).toBe('Bearer user-token');
        return HttpResponse.json(agreeingTraffic);
      }),
    );
    await expect(client.getTraffic()).resolves.toEqual(agreeingTraffic);
  });

  it("fetches a region's SLI series for the asked window", async () => {
    server.use(
      http.get(
        `${baseUrl}/regions/:environment/:region/slis`,
        ({ request, params }) => {
          expect(params).toEqual({
            environment: 'production',
            region: 'eastus',
          });
          expect(new URL(request.url).searchParams.get('minutes')).toBe('60');
          return HttpResponse.json(eastusSeries);
        },
      ),
    );
    await expect(
      client.getSliSeries('production', 'eastus', 60),
    ).resolves.toEqual(eastusSeries);
  });

  it('escapes path segments rather than letting a region name change the route', async () => {
    server.use(
      http.get(`${baseUrl}/regions/production/:region/slis`, ({ params }) => {
        expect(params.region).toBe('east us/..');
        return HttpResponse.json(eastusSeries);
      }),
    );
    await client.getSliSeries('production', 'east us/..', 15);
  });

  it('surfaces a failed series request as a ResponseError', async () => {
    server.use(
      http.get(`${baseUrl}/regions/production/nowhere/slis`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No region nowhere' },
            request: { method: 'GET', url: '/regions/production/nowhere/slis' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .getSliSeries('production', 'nowhere', 60)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('No region nowhere');
  });

  describe('chaos runs', () => {
    const request = {
      environment: 'production' as const,
      regions: ['eastus'],
      experimentId: 'PodChaos/ntai/api-pod-failure-10pct',
    };

    it('posts the preview request as JSON', async () => {
      server.use(
        http.post(`${baseUrl}/runs/chaos/preview`, async ({ request: req }) => {
          expect(req.headers.get('content-type')).toBe('application/json');
          expect(await req.json()).toEqual(request);
          return HttpResponse.json(allowedPreview);
        }),
      );
      await expect(client.previewChaosRun(request)).resolves.toEqual(
        allowedPreview,
      );
    });

    it('starts a run with the idempotency key and shows the policy refusal', async () => {
      const keys: Array<string | null> = [];
      server.use(
        http.post(`${baseUrl}/runs/chaos`, ({ request: req }) => {
          keys.push(req.headers.get('idempotency-key'));
          return HttpResponse.json(
            {
              error: {
                name: 'ConflictError',
                message: 'Refused by policy: no approved window',
              },
              request: { method: 'POST', url: '/runs/chaos' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          );
        }),
      );
      const error = await client
        .startChaosRun(request, 'ui-key-1')
        .catch(e => e);
      expect(keys).toEqual(['ui-key-1']);
      expect(errorMessage(error)).toBe(
        'Refused by policy: no approved window (409)',
      );
    });

    it('lists runs with comma-separated states and the cursor', async () => {
      server.use(
        http.get(`${baseUrl}/runs`, ({ request: req }) => {
          const params = new URL(req.url).searchParams;
          expect(Object.fromEntries(params)).toEqual({
            kind: 'chaos',
            state: 'running,stopping',
            cursor: 'abc',
            limit: '25',
          });
          return HttpResponse.json({ items: [], nextCursor: undefined });
        }),
      );
      await client.getRuns({
        kind: 'chaos',
        state: ['running', 'stopping'],
        cursor: 'abc',
        limit: 25,
        region: undefined,
      });
    });

    it('stops a run with the reason', async () => {
      server.use(
        http.post(
          `${baseUrl}/runs/:id/stop`,
          async ({ request: req, params }) => {
            expect(params.id).toBe(runningRun.id);
            expect(await req.json()).toEqual({ reason: 'pager fired' });
            return HttpResponse.json(runningRun);
          },
        ),
      );
      await client.stopRun(runningRun.id, 'pager fired');
    });
  });

  describe('halt and windows', () => {
    it('engages and releases halt-all with a reason', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.post(`${baseUrl}/halt`, async ({ request: req }) => {
          bodies.push(await req.json());
          return HttpResponse.json({ engaged: true, removed: [], failed: [] });
        }),
        http.post(`${baseUrl}/halt/release`, async ({ request: req }) => {
          bodies.push(await req.json());
          return HttpResponse.json({ engaged: false });
        }),
      );
      await expect(client.engageHalt('incident')).resolves.toMatchObject({
        engaged: true,
      });
      await client.releaseHalt('resolved');
      expect(bodies).toEqual([{ reason: 'incident' }, { reason: 'resolved' }]);
    });

    it('approves a window with the comment and lists by state', async () => {
      server.use(
        http.post(
          `${baseUrl}/windows/:id/approve`,
          async ({ request: req }) => {
            expect(await req.json()).toEqual({ comment: 'looks safe' });
            return HttpResponse.json(approvedWindow);
          },
        ),
        http.get(`${baseUrl}/windows`, ({ request: req }) => {
          expect(new URL(req.url).searchParams.get('state')).toBe(
            'requested,approved',
          );
          return HttpResponse.json({ items: [requestedWindow] });
        }),
      );
      await client.approveWindow(requestedWindow.id, 'looks safe');
      await expect(
        client.getWindows({ state: ['requested', 'approved'] }),
      ).resolves.toEqual({ items: [requestedWindow] });
    });
  });
  describe('failover tests, GameDays and GitOps', () => {
    const id = '22222222-2222-4222-8222-222222222222';

    it('starts a failover test with the idempotency key and aborts without an empty reason', async () => {
      const seen: unknown[] = [];
      server.use(
        http.post(`${baseUrl}/failover-tests`, async ({ request: req }) => {
          seen.push(req.headers.get('idempotency-key'), await req.json());
          return HttpResponse.json({ id }, { status: 201 });
        }),
        http.post(
          `${baseUrl}/failover-tests/:id/abort`,
          async ({ request: req, params }) => {
            seen.push(params.id, await req.json());
            return HttpResponse.json({ id });
          },
        ),
      );
      await client.startFailoverTest(
        { environment: 'staging', fromRegion: 'eastus', holdDownSeconds: 0 },
        'ui-key-2',
      );
      await client.abortFailoverTest(id);
      expect(seen).toEqual([
        'ui-key-2',
        { environment: 'staging', fromRegion: 'eastus', holdDownSeconds: 0 },
        id,
        {},
      ]);
    });

    it('reads the GameDay report as JSON and as Markdown text', async () => {
      server.use(
        http.get(`${baseUrl}/gamedays/:id/report`, ({ request: req }) => {
          const format = new URL(req.url).searchParams.get('format');
          return format === 'markdown'
            ? new HttpResponse('# GameDay', {
                headers: { 'content-type': 'text/markdown' },
              })
            : HttpResponse.json({ outcome: { state: 'completed' } });
        }),
      );
      await expect(client.getGameDayReport(id)).resolves.toEqual({
        outcome: { state: 'completed' },
      });
      await expect(client.getGameDayReportMarkdown(id)).resolves.toBe(
        '# GameDay',
      );
    });

    it('posts a GameDay note and lists change requests by state', async () => {
      server.use(
        http.post(`${baseUrl}/gamedays/:id/notes`, async ({ request: req }) => {
          expect(await req.json()).toEqual({ text: 'DNS flipped' });
          return HttpResponse.json(
            { seq: 1, step: 'failover', line: 'x' },
            { status: 201 },
          );
        }),
        http.get(`${baseUrl}/gitops/changes`, ({ request: req }) => {
          expect(new URL(req.url).searchParams.get('state')).toBe('open');
          return HttpResponse.json({ items: [] });
        }),
      );
      await client.addGameDayNote(id, 'DNS flipped');
      await expect(client.getChanges({ state: 'open' })).resolves.toEqual({
        items: [],
      });
    });

    it("surfaces the server's refusal of a merge", async () => {
      server.use(
        http.post(`${baseUrl}/gitops/changes/:id/merge`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message: 'approver must not be the requester',
              },
              request: { method: 'POST', url: '/gitops/changes/x/merge' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
        ),
      );
      const error = await client.mergeChange(id).catch(e => e);
      expect(errorMessage(error)).toBe(
        'approver must not be the requester (403)',
      );
    });
  });

  it("reads a change's delivery and the delivery summary, with the environment filter", async () => {
    const id = '5f0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11';
    const delivery = {
      changeRequestId: id,
      computedAt: '2026-11-26T10:10:00Z',
      targets: [],
    };
    const summary = {
      fullyDelivered: false,
      computedAt: '2026-11-26T10:10:00Z',
      targets: [],
    };
    const searches: string[] = [];
    server.use(
      http.get(`${baseUrl}/gitops/changes/${id}/delivery`, () =>
        HttpResponse.json(delivery),
      ),
      http.get(`${baseUrl}/delivery`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json(summary);
      }),
    );
    await expect(client.getChangeDelivery(id)).resolves.toEqual(delivery);
    await expect(client.getDeliverySummary()).resolves.toEqual(summary);
    await expect(
      client.getDeliverySummary({ environment: 'staging' }),
    ).resolves.toEqual(summary);
    expect(searches).toEqual(['', '?environment=staging']);
  });
});
