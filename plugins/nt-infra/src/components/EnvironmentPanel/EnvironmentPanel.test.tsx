import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import {
  eastus,
  environment,
  failedOverRegions,
  productionRegions,
  westus,
} from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import {
  disagreeingTraffic,
  productionTraffic,
} from '../../__fixtures__/traffic';
import { EnvironmentPanel } from './EnvironmentPanel';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';

const api: jest.Mocked<NtInfraApi> = mockNtInfraApi({
  getRegions: jest.fn(),
  getTraffic: jest.fn(),
  getSliSeries: jest.fn().mockResolvedValue(eastusSeries),
});

describe('EnvironmentPanel', () => {
  it('says who serves, then a row and a panel per region, primary first', async () => {
    await renderSettled(
      <EnvironmentPanel
        environment={productionRegions.environments[0]}
        traffic={productionTraffic}
      />,
      { apis: [[ntInfraApiRef, api]] },
    );
    const panel = screen.getByLabelText('Environment production');
    expect(panel).toHaveTextContent(
      'Serving traffic: East US · live DNS answers eastus',
    );
    const rows = within(panel).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/East US.*primary/);
    expect(rows[2]).toHaveTextContent(/West US.*secondary/);
    expect(
      within(panel)
        .getAllByLabelText(/^Region /)
        .map(r => r.getAttribute('aria-label')),
    ).toEqual(['Region East US', 'Region West US']);
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns when DNS still answers the region Traffic Manager moved away from', async () => {
    await renderSettled(
      <EnvironmentPanel
        environment={failedOverRegions.environments[0]}
        traffic={disagreeingTraffic.environments[0]}
      />,
      { apis: [[ntInfraApiRef, api]] },
    );
    const panel = screen.getByLabelText('Environment production');
    expect(panel).toHaveTextContent('Serving traffic: West US');
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'DNS still answers eastus — propagation within TTL 60 s',
    );
  });

  it('raises the alarm when no region serves traffic', async () => {
    await renderSettled(
      <EnvironmentPanel
        environment={environment([{ ...eastus, serving: false }, westus])}
        stale
      />,
      { apis: [[ntInfraApiRef, api]] },
    );
    const panel = screen.getByLabelText('Environment production');
    expect(
      within(panel).getByText('No region is serving traffic'),
    ).toHaveAttribute('data-tone', 'danger');
    expect(
      within(panel).getByText('stale: refresh failed'),
    ).toBeInTheDocument();
  });
});
