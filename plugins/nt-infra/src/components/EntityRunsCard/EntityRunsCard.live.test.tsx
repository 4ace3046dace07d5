import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Run } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { rolledBackRun, runSummary } from '../../__fixtures__/chaos';
import { failoverRuns } from '../../__fixtures__/failover';
import { FIXTURE_NOW, productionRegions } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { signalBus } from '../../__testUtils__/signalBus';
import { historyRouteRef } from '../../routes';
import { EntityRunsCard } from './EntityRunsCard';
import { SIGNALS_SAFETY_REFRESH_MS } from '../../hooks/useLive';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    annotations: { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
  },
  spec: {},
};

describe('EntityRunsCard with signals', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows a new run when its signal arrives, and never polls for it', async () => {
    let chaos: Run[] = [];
    let failover: Run[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/regions`, () =>
        HttpResponse.json(productionRegions),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs`, ({ request }) =>
        HttpResponse.json({
          items:
            new URL(request.url).searchParams.get('kind') === 'chaos'
              ? chaos
              : failover,
        }),
      ),
    );
    const bus = signalBus();
    await renderSettled(
      <EntityProvider entity={entity}>
        <EntityRunsCard />
      </EntityProvider>,
      {
        apis: [
          [ntInfraApiRef, mswNtInfraClient()],
          [signalApiRef, bus.api],
        ],
        mountedRoutes: { '/nt-infra/history': historyRouteRef },
      },
    );
    expect(
      await screen.findByText(/No chaos runs for this entity yet/),
    ).toBeInTheDocument();

    const run = runSummary(rolledBackRun, {
      entityRef: 'component:default/ntai-api',
    });
    chaos = [run];
    failover = failoverRuns([42]);
    // Polling is off while signals are available: the runs stay as loaded.
    // Short of the minute's safety refresh, which signals still keep.
    await advance(SIGNALS_SAFETY_REFRESH_MS - 5_000);
    expect(
      screen.getByText(/No chaos runs for this entity yet/),
    ).toBeInTheDocument();

    await bus.deliver('nt-infra:runs', {
      type: 'run',
      id: run.id,
      kind: 'chaos',
      state: run.state,
      change: 'transition',
      at: new Date(FIXTURE_NOW).toISOString(),
    });
    const list = screen.getByRole('list', { name: 'Recent chaos runs' });
    expect(within(list).getByRole('link', { name: run.title })).toBeVisible();
    expect(
      screen.getByLabelText('Last failover test in production'),
    ).toHaveTextContent('RTO 42 s');
  });
});
