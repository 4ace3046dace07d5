import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  disagreeingTraffic,
  productionTraffic,
} from '../../__fixtures__/traffic';
import { ServingDisagreement } from './ServingDisagreement';

describe('ServingDisagreement', () => {
  it('warns while DNS still answers the region Traffic Manager left', async () => {
    await renderInTestApp(
      <ServingDisagreement traffic={disagreeingTraffic.environments[0]} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'DNS still answers eastus — propagation within TTL 60 s',
    );
    expect(alert).toHaveTextContent(
      'Traffic Manager routes production to westus',
    );
  });

  it('stays silent while Traffic Manager and DNS agree', async () => {
    await renderInTestApp(<ServingDisagreement traffic={productionTraffic} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
