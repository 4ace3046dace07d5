import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import ntInfraPlugin, { NtInfraApi, ntInfraApiRef } from './index';
import { productionRegions } from './__fixtures__/regions';
import { eastusSeries } from './__fixtures__/slis';
import { agreeingTraffic } from './__fixtures__/traffic';
import { mockNtInfraApi } from './__testUtils__/mockApi';

function mockApi(): jest.Mocked<NtInfraApi> {
  return mockNtInfraApi({
    getRegions: jest.fn().mockResolvedValue(productionRegions),
    getTraffic: jest.fn().mockResolvedValue(agreeingTraffic),
    getSliSeries: jest.fn().mockResolvedValue(eastusSeries),
  });
}

describe('nt-infra plugin', () => {
  it('lands /nt-infra on the regions overview, with a tab per view', async () => {
    renderTestApp({
      features: [ntInfraPlugin],
      initialRouteEntries: ['/nt-infra'],
      apis: [[ntInfraApiRef, mockApi()]],
    });
    expect(
      await screen.findByLabelText('Environment production'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Traffic Manager' }),
    ).toBeInTheDocument();
    for (const tab of [
      'Chaos',
      'Failover tests',
      'GameDay',
      'GitOps',
      'History',
      'Approvals',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });

  it('serves the Traffic Manager view at /nt-infra/traffic-manager', async () => {
    renderTestApp({
      features: [ntInfraPlugin],
      initialRouteEntries: ['/nt-infra/traffic-manager'],
      apis: [[ntInfraApiRef, mockApi()]],
    });
    expect(
      await screen.findByLabelText('Traffic Manager production'),
    ).toBeInTheDocument();
  });
});
