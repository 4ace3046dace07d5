import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { rolledBackRun, runSummary } from '../../__fixtures__/chaos';
import { productionRegions } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { historyRouteRef } from '../../routes';
import { EntityRunsCard } from './EntityRunsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    annotations: {
      'backstage.io/kubernetes-namespace': 'ntai',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=ntai-api',
    },
  },
  spec: {},
};

function podChaos(id: string, app: string, createdAt: string) {
  return runSummary(rolledBackRun, {
    id,
    title: `Pod failure ${app}`,
    createdAt,
    params: {
      resource: {
        kind: 'PodChaos',
        metadata: { name: `run-${id}`, namespace: 'ntai' },
        spec: {
          selector: { labelSelectors: { 'app.kubernetes.io/name': app } },
        },
      },
    },
  });
}

describe('EntityRunsCard and the Kubernetes workload', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it("lists runs that hit the entity's pods though started without its entityRef", async () => {
    const hitApi = podChaos(
      'a1111111-1111-4111-8111-111111111111',
      'ntai-api',
      '2026-01-01T10:00:00.000Z',
    );
    const hitWeb = podChaos(
      'b2222222-2222-4222-8222-222222222222',
      'ntai-web',
      '2026-01-01T11:00:00.000Z',
    );
    const named = runSummary(rolledBackRun, {
      entityRef: 'component:default/ntai-api',
      createdAt: '2026-01-01T09:00:00.000Z',
    });
    const queries: string[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/regions`, () =>
        HttpResponse.json(productionRegions),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query.toString());
        if (query.get('kind') === 'failover')
          return HttpResponse.json({ items: [] });
        return HttpResponse.json({
          items: query.get('entityRef') ? [named] : [hitWeb, hitApi],
        });
      }),
    );
    await renderSettled(
      <EntityProvider entity={entity}>
        <EntityRunsCard />
      </EntityProvider>,
      {
        apis: [[ntInfraApiRef, mswNtInfraClient()]],
        mountedRoutes: { '/nt-infra/history': historyRouteRef },
      },
    );

    const list = await screen.findByRole('list', { name: 'Recent chaos runs' });
    const links = within(list)
      .getAllByRole('link')
      .map(a => a.textContent);
    // Newest first; the run on another workload's pods is not the entity's.
    expect(links).toEqual([hitApi.title, named.title]);
    expect(queries).toEqual(
      expect.arrayContaining([
        'kind=chaos&entityRef=component%3Adefault%2Fntai-api&limit=5',
        'kind=chaos&limit=50',
      ]),
    );
  });
});
