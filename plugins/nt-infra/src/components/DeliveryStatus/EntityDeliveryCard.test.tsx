import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DeliverySummary } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { openChange } from '../../__fixtures__/gitops';
import { EntityDeliveryCard } from './EntityDeliveryCard';

const MAIN = 'c'.repeat(40);
const OLD = 'a'.repeat(40);

const summary: DeliverySummary = {
  mainSha: MAIN,
  fullyDelivered: false,
  computedAt: '2026-11-26T10:10:00Z',
  targets: [
    {
      environment: 'staging',
      region: 'eastus',
      trafficManagerProfile: 'tm-ntai-staging',
      state: 'current',
      mainSha: MAIN,
      sources: [
        {
          source: 'argocd',
          state: 'applied',
          revision: MAIN,
          url: 'https://argocd.test/applications/ntai-staging-eastus',
        },
      ],
    },
    {
      environment: 'production',
      region: 'eastus',
      trafficManagerProfile: 'tm-ntai-production',
      state: 'behind',
      mainSha: MAIN,
      sources: [
        {
          source: 'argocd',
          state: 'awaiting-approval',
          revision: OLD,
          url: 'https://argocd.test/applications/ntai-production-eastus',
        },
      ],
    },
    {
      environment: 'production',
      region: 'westus',
      trafficManagerProfile: 'tm-ntai-production',
      state: 'current',
      mainSha: MAIN,
      sources: [{ source: 'argocd', state: 'applied', revision: MAIN }],
    },
  ],
};

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'thing', annotations },
    spec: {},
  };
}

async function renderCard(
  annotations: Record<string, string>,
  getDeliverySummary: jest.Mock,
) {
  await renderSettled(
    <EntityProvider entity={entity(annotations)}>
      <EntityDeliveryCard />
    </EntityProvider>,
    {
      apis: [
        [
          ntInfraApiRef,
          mockNtInfraApi({
            getDeliverySummary,
            getChanges: jest.fn().mockResolvedValue({ items: [openChange] }),
          }),
        ],
      ],
    },
  );
}

describe('EntityDeliveryCard', () => {
  it('shows what each region runs and that main is not delivered everywhere', async () => {
    await renderCard(
      { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
      jest.fn().mockResolvedValue(summary),
    );
    const card = await screen.findByLabelText('Delivery');
    expect(
      within(card).getByText('main not fully delivered'),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent(`Head of main: ${MAIN.slice(0, 10)}`);
    // The production profile's regions only: staging is another profile.
    const rows = within(card).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(card).not.toHaveTextContent('staging');
    expect(within(rows[1]).getByText('behind main')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent(OLD.slice(0, 10));
    expect(within(rows[1]).getByText('awaiting approval')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: 'Argo CD' }),
    ).toHaveAttribute(
      'href',
      'https://argocd.test/applications/ntai-production-eastus',
    );
  });

  it('narrows to the regions the entity names, which may all run main', async () => {
    await renderCard(
      { 'nt-infra/regions': 'westus' },
      jest.fn().mockResolvedValue(summary),
    );
    const card = await screen.findByLabelText('Delivery');
    expect(within(card).getAllByRole('row')).toHaveLength(2);
    expect(within(card).getByText('main fully delivered')).toBeInTheDocument();
  });

  it('shows the error when the summary cannot be loaded', async () => {
    await renderCard(
      { 'nt-infra/regions': 'westus' },
      jest
        .fn()
        .mockRejectedValue(new Error('Not allowed: nt-infra.region.read')),
    );
    expect(
      (await screen.findAllByText(/Not allowed: nt-infra.region.read/))[0],
    ).toBeInTheDocument();
  });
});
