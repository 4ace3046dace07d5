import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RegionHealth } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { eastus } from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { RegionPanel } from './RegionPanel';

const clusterResourceId =
  '/subscriptions/sub-1/resourceGroups/rg-ntai-production-eastus/providers/Microsoft.ContainerService/managedClusters/aks-ntai-production-eastus';
const linkName =
  'Open AKS cluster aks-ntai-production-eastus in the Azure portal (new tab)';

describe('RegionPanel: AKS cluster in the Azure portal', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function render(region: RegionHealth, config?: object) {
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/regions/production/eastus/slis`, () =>
        HttpResponse.json(eastusSeries),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderSettled(
      <RegionPanel environment="production" region={region} />,
      { apis: [[ntInfraApiRef, mswNtInfraClient()]], config },
    );
    await screen.findByRole('region', { name: 'Cluster East US' });
  }

  it('links the cluster to its resource in the configured tenant', async () => {
    await render(
      { ...eastus, clusterResourceId },
      {
        ntInfra: {
          azurePortal: {
            baseUrl: 'https://portal.azure.com',
            tenant: 'ntai.onmicrosoft.com',
          },
        },
      },
    );
    expect(screen.getByRole('link', { name: linkName })).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@ntai.onmicrosoft.com/resource${clusterResourceId}/overview`,
    );
  });

  it('shows no link without a configured portal', async () => {
    await render({ ...eastus, clusterResourceId });
    expect(screen.queryByRole('link', { name: linkName })).toBeNull();
  });

  it('shows no link for a cluster whose resource is not configured', async () => {
    await render(eastus, {
      ntInfra: { azurePortal: { baseUrl: 'https://portal.azure.com' } },
    });
    expect(screen.queryByText('Open in Azure portal')).toBeNull();
  });
});
