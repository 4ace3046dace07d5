import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { productionTraffic } from '../../__fixtures__/traffic';
import { TrafficProfilePanel } from '../TrafficProfilePanel';

describe('Azure portal links', () => {
  it("open the Traffic Manager profile's resource in the configured tenant", async () => {
    await renderInTestApp(<TrafficProfilePanel traffic={productionTraffic} />, {
      config: {
        ntInfra: {
          azurePortal: {
            baseUrl: 'https://portal.azure.com/',
            tenant: 'ntai.onmicrosoft.com',
          },
        },
      },
    });
    const { resourceId, profileName } = productionTraffic.trafficManager;
    expect(
      screen.getByRole('link', {
        name: `Open Traffic Manager profile ${profileName} in the Azure portal (new tab)`,
      }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@ntai.onmicrosoft.com/resource${resourceId}/overview`,
    );
  });

  it('are not shown without a configured portal', async () => {
    await renderInTestApp(<TrafficProfilePanel traffic={productionTraffic} />);
    expect(screen.queryByText('Open in Azure portal')).not.toBeInTheDocument();
  });
});
