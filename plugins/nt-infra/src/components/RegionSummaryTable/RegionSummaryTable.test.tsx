import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { eastus, failedOverRegions, westus } from '../../__fixtures__/regions';
import { RegionSummaryTable } from './RegionSummaryTable';

function rows() {
  return screen.getAllByRole('row').slice(1);
}

describe('RegionSummaryTable', () => {
  it('shows each region, primary first, with its verdict and who serves', async () => {
    await renderInTestApp(<RegionSummaryTable regions={[eastus, westus]} />);
    const [east, west] = rows();
    expect(east).toHaveTextContent('East US eastus');
    expect(east).toHaveTextContent('primary');
    expect(within(east).getByText('healthy')).toBeInTheDocument();
    expect(within(east).getByText('Serving traffic')).toBeInTheDocument();
    expect(within(east).getByText('Online')).toBeInTheDocument();
    expect(east).toHaveTextContent('priority 1');
    expect(west).toHaveTextContent('West US westus');
    expect(west).toHaveTextContent('secondary');
    expect(within(west).getByText('standby')).toBeInTheDocument();
    expect(within(west).queryByText('Serving traffic')).not.toBeInTheDocument();
  });

  it('shows a failed region as down, with its first reason, and the standby serving', async () => {
    await renderInTestApp(
      <RegionSummaryTable
        regions={failedOverRegions.environments[0].regions}
      />,
    );
    const [east, west] = rows();
    expect(within(east).getByText('down')).toHaveAttribute(
      'data-tone',
      'danger',
    );
    expect(east).toHaveTextContent('Traffic Manager probes failing (Degraded)');
    expect(within(east).getByText('Degraded')).toBeInTheDocument();
    expect(within(west).getByText('Serving traffic')).toBeInTheDocument();
  });

  it('marks an endpoint Traffic Manager could not be read for', async () => {
    await renderInTestApp(
      <RegionSummaryTable
        regions={[
          {
            ...eastus,
            endpoint: { status: 'unavailable', error: 'ARM 503' },
          },
        ]}
      />,
    );
    expect(rows()[0]).toHaveTextContent('unavailable: ARM 503');
  });
});
