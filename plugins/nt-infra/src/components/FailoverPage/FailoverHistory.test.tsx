import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { failoverRuns } from '../../__fixtures__/failover';
import { FailoverHistory } from './FailoverHistory';

describe('FailoverHistory', () => {
  it('splits the trend and the rows by environment and method', async () => {
    const runs = [
      ...failoverRuns([40, 55]),
      ...failoverRuns([70, 80], { environment: 'staging' }),
      ...failoverRuns([61, 62], { method: 'disable-endpoint' }),
    ];
    await renderInTestApp(<FailoverHistory runs={runs} onSelect={jest.fn()} />);

    const trends = screen.getByRole('list', { name: 'Trends' });
    expect(
      within(trends).getByRole('img', {
        name: /^RTO, production · unhealthy: latest 40 s/,
      }),
    ).toBeInTheDocument();
    expect(
      within(trends).getByRole('img', {
        name: /^RTO, staging · unhealthy: latest 70 s/,
      }),
    ).toBeInTheDocument();
    expect(
      within(trends).getByRole('img', {
        name: /^Users moved, production · planned drain: latest 61 s/,
      }),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Failover tests' });
    const staging = within(table).getByRole('row', {
      name: /\(unhealthy\) staging unhealthy completed RTO 70 s 300 s/,
    });
    expect(staging).toBeInTheDocument();
    const drain = within(table).getByRole('row', {
      name: /\(disable-endpoint\) production planned drain .*moved by 61 s/,
    });
    expect(drain).toHaveTextContent('moved by 61 s, 0 failed');
    expect(drain).toHaveTextContent('none (no outage)');
    expect(drain).not.toHaveTextContent(/RTO \d/);
  });

  it('names the regions of each test as the rest of the portal does', async () => {
    const names: Record<string, string> = {
      eastus: 'East US',
      westus: 'West US',
    };
    await renderInTestApp(
      <FailoverHistory
        runs={failoverRuns([40])}
        onSelect={jest.fn()}
        regionName={(_environment, region) => names[region] ?? region}
      />,
    );
    const table = screen.getByRole('table', { name: 'Failover tests' });
    expect(
      within(table).getByRole('row', {
        name: /^Failover test: East US → West US \(unhealthy\) production/,
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('button', {
        name: 'Show Failover test: East US → West US (unhealthy)',
      }),
    ).toBeInTheDocument();
  });
});
