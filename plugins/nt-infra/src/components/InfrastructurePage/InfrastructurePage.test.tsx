import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { productionRegions } from '../../__fixtures__/regions';
import { InfrastructurePage } from './InfrastructurePage';

describe('InfrastructurePage', () => {
  it('shows each environment with its profile and regions, primary first', async () => {
    const api = { getRegions: jest.fn().mockResolvedValue(productionRegions) };
    await renderInTestApp(<InfrastructurePage />, {
      apis: [[ntInfraApiRef, api]],
    });

    const panel = await screen.findByLabelText('Environment production');
    expect(within(panel).getByText('tm-ntai-production')).toBeInTheDocument();
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(
        /^East US eastusprimary1eastusaks-ntai-production-eastus$/,
      ),
      expect.stringMatching(
        /^West US westussecondary2westusaks-ntai-production-westus$/,
      ),
    ]);
  });

  it('explains how to configure environments when there are none', async () => {
    const api = {
      getRegions: jest.fn().mockResolvedValue({ environments: [] }),
    };
    await renderInTestApp(<InfrastructurePage />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(
      await screen.findByText(/No environments are configured/),
    ).toBeInTheDocument();
  });

  it('shows the backend error instead of an empty page', async () => {
    const api = {
      getRegions: jest.fn().mockRejectedValue(new Error('backend down')),
    };
    await renderInTestApp(<InfrastructurePage />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
