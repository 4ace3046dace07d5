import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { productionRegions } from '../__fixtures__/regions';
import { eastusSeries } from '../__fixtures__/slis';
import { agreeingTraffic } from '../__fixtures__/traffic';
import { NtInfraClient } from './NtInfraClient';

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
});
