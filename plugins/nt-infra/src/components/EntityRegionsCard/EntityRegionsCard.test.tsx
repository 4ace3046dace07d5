import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import {
  failedOverRegions,
  productionRegions,
} from '../../__fixtures__/regions';
import { EntityRegionsCard } from './EntityRegionsCard';
import { hasInfraAnnotations } from './entityAnnotations';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';

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
  regions = productionRegions,
) {
  const api: jest.Mocked<NtInfraApi> = mockNtInfraApi({
    getRegions: jest.fn().mockResolvedValue(regions),
    getTraffic: jest.fn(),
    getSliSeries: jest.fn(),
  });
  await renderSettled(
    <EntityProvider entity={entity(annotations)}>
      <EntityRegionsCard />
    </EntityProvider>,
    { apis: [[ntInfraApiRef, api]] },
  );
}

describe('EntityRegionsCard', () => {
  it('shows only the regions the entity names, with their verdict', async () => {
    await renderCard({ 'nt-infra/regions': 'westus' });
    const card = await screen.findByLabelText('Environment production');
    expect(within(card).getByText('West US')).toBeInTheDocument();
    expect(within(card).getByText('healthy')).toBeInTheDocument();
    expect(within(card).queryByText('East US')).not.toBeInTheDocument();
  });

  it('shows every region behind the named profile and which one serves', async () => {
    await renderCard(
      { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
      failedOverRegions,
    );
    const card = await screen.findByLabelText('Environment production');
    const [east, west] = within(card).getAllByRole('row').slice(1);
    expect(east).toHaveTextContent('East US');
    expect(within(east).getByText('down')).toBeInTheDocument();
    expect(west).toHaveTextContent('West US');
    expect(within(west).getByText('Serving traffic')).toBeInTheDocument();
  });

  it('says so when no configured environment matches', async () => {
    await renderCard({
      'nt-infra/traffic-manager-profile': 'tm-elsewhere',
    });
    expect(
      await screen.findByText(/No configured environment matches/),
    ).toHaveTextContent('profile tm-elsewhere');
  });
});

describe('hasInfraAnnotations', () => {
  it('decides which entity pages get the card', () => {
    expect(hasInfraAnnotations(entity({}))).toBe(false);
    expect(hasInfraAnnotations(entity({ 'nt-infra/regions': ' , ' }))).toBe(
      false,
    );
    expect(hasInfraAnnotations(entity({ 'nt-infra/regions': 'eastus' }))).toBe(
      true,
    );
  });
});
