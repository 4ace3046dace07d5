import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Run } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import { rolledBackRun, runSummary } from '../../__fixtures__/chaos';
import { failoverRuns } from '../../__fixtures__/failover';
import { productionRegions } from '../../__fixtures__/regions';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { historyRouteRef } from '../../routes';
import { EntityRunsCard } from './EntityRunsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    annotations: { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
  },
  spec: {},
};

function mockApi(chaos: Run[], failover: Run[]): jest.Mocked<NtInfraApi> {
  return mockNtInfraApi({
    getRegions: jest.fn().mockResolvedValue(productionRegions),
    getRuns: jest.fn(async query =>
      query?.kind === 'chaos' ? { items: chaos } : { items: failover },
    ),
  });
}

async function renderCard(api: jest.Mocked<NtInfraApi>) {
  await renderSettled(
    <EntityProvider entity={entity}>
      <EntityRunsCard />
    </EntityProvider>,
    {
      apis: [[ntInfraApiRef, api]],
      mountedRoutes: { '/nt-infra/history': historyRouteRef },
    },
  );
}

describe('EntityRunsCard', () => {
  it("lists the entity's chaos runs, each linking to its run page", async () => {
    const run = runSummary(rolledBackRun, {
      entityRef: 'component:default/ntai-api',
    });
    const api = mockApi([run], []);
    await renderCard(api);

    expect(api.getRuns).toHaveBeenCalledWith({
      kind: 'chaos',
      entityRef: 'component:default/ntai-api',
      limit: 5,
    });
    const list = await screen.findByRole('list', {
      name: 'Recent chaos runs',
    });
    expect(within(list).getByRole('link', { name: run.title })).toHaveAttribute(
      'href',
      `/nt-infra/history?run=${run.id}`,
    );
    expect(within(list).getByText(run.state)).toBeInTheDocument();
  });

  it('says what to do when the entity has no runs yet', async () => {
    await renderCard(mockApi([], []));
    expect(
      await screen.findByText(/No chaos runs for this entity yet/),
    ).toHaveTextContent('start one from Infrastructure → Chaos');
    expect(
      screen.getByText(
        /No failover test has run in this entity's environments/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the last failover's RTO against the target of the profile's environment", async () => {
    const [latest] = failoverRuns([42]);
    const api = mockApi([], [latest]);
    await renderCard(api);

    expect(api.getRuns).toHaveBeenCalledWith({
      kind: 'failover',
      environment: 'production',
      limit: 1,
    });
    const failover = await screen.findByLabelText(
      'Last failover test in production',
    );
    expect(failover).toHaveTextContent('RTO 42 s (target 300 s)');
    expect(within(failover).getByText('passed')).toBeInTheDocument();
    expect(
      within(failover).getByRole('link', { name: latest.title }),
    ).toHaveAttribute('href', `/nt-infra/history?run=${latest.id}`);
  });

  it('flags an RTO over its target as failed', async () => {
    await renderCard(mockApi([], failoverRuns([420])));
    const failover = await screen.findByLabelText(
      'Last failover test in production',
    );
    expect(failover).toHaveTextContent('RTO 420 s (target 300 s)');
    expect(within(failover).getByText('failed')).toBeInTheDocument();
  });

  it('shows the error when the runs cannot be loaded', async () => {
    const api = mockApi([], []);
    api.getRuns.mockRejectedValue(new Error('backend down'));
    await renderCard(api);
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
