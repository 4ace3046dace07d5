import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { productionRegions } from '../../__fixtures__/regions';
import { EntityRegionsCard } from './EntityRegionsCard';
import { hasInfraAnnotations } from './entityAnnotations';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'thing', annotations },
    spec: {},
  };
}

async function renderCard(annotations: Record<string, string>) {
  const api = { getRegions: jest.fn().mockResolvedValue(productionRegions) };
  await renderInTestApp(
    <EntityProvider entity={entity(annotations)}>
      <EntityRegionsCard />
    </EntityProvider>,
    { apis: [[ntInfraApiRef, api]] },
  );
}

describe('EntityRegionsCard', () => {
  it('shows only the regions the entity names', async () => {
    await renderCard({ 'nt-infra/regions': 'westus' });
    const panel = await screen.findByLabelText('Environment production');
    expect(within(panel).getByText('West US')).toBeInTheDocument();
    expect(within(panel).queryByText('East US')).not.toBeInTheDocument();
  });

  it('shows every region behind the named Traffic Manager profile', async () => {
    await renderCard({
      'nt-infra/traffic-manager-profile': 'tm-ntai-production',
    });
    const panel = await screen.findByLabelText('Environment production');
    expect(within(panel).getByText('East US')).toBeInTheDocument();
    expect(within(panel).getByText('West US')).toBeInTheDocument();
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
