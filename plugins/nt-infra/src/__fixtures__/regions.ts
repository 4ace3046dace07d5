import { RegionsResponse } from '@internal/plugin-nt-infra-common';

/** The production environment as app-config.yaml describes it. */
export const productionRegions: RegionsResponse = {
  environments: [
    {
      name: 'production',
      trafficManager: {
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        resourceGroup: 'rg-ntai-production-global',
        profileName: 'tm-ntai-production',
        resourceId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ntai-production-global/providers/Microsoft.Network/trafficManagerProfiles/tm-ntai-production',
      },
      regions: [
        {
          name: 'eastus',
          displayName: 'East US',
          role: 'primary',
          trafficManagerEndpoint: 'eastus',
          cluster: 'aks-ntai-production-eastus',
        },
        {
          name: 'westus',
          displayName: 'West US',
          role: 'secondary',
          trafficManagerEndpoint: 'westus',
          cluster: 'aks-ntai-production-westus',
        },
      ],
    },
  ],
};
