import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import ntInfraPlugin, { ntInfraApiRef } from './index';
import { productionRegions } from './__fixtures__/regions';

describe('nt-infra plugin', () => {
  it('mounts the Infrastructure page at /nt-infra', async () => {
    const api = { getRegions: jest.fn().mockResolvedValue(productionRegions) };
    renderTestApp({
      features: [ntInfraPlugin],
      initialRouteEntries: ['/nt-infra'],
      apis: [[ntInfraApiRef, api]],
    });
    expect(
      await screen.findByLabelText('Environment production'),
    ).toBeInTheDocument();
  });
});
