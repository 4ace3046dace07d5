import { screen, within } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { openChange } from '../../__fixtures__/gitops';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { ChangeRequestPage } from '../GitOpsPage/ChangeRequestPage';

const MERGE = 'b'.repeat(40);

describe('the change request page with delivery', () => {
  it('shows where a merged change stands on each target', async () => {
    const merged = {
      ...openChange,
      state: 'merged' as const,
      mergedSha: MERGE,
    };
    const api = mockNtInfraApi({
      getChange: jest.fn().mockResolvedValue(merged),
      getChangeDelivery: jest.fn().mockResolvedValue({
        changeRequestId: merged.id,
        mergedSha: MERGE,
        computedAt: '2026-11-26T10:10:00Z',
        targets: [
          {
            environment: 'staging',
            region: 'eastus',
            state: 'applying',
            reason: 'Argo CD is syncing it',
            sources: [{ source: 'argocd', state: 'applying', revision: MERGE }],
          },
        ],
      }),
    });
    await renderSettled(<ChangeRequestPage id={merged.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    const section = await screen.findByRole('region', { name: 'Delivery' });
    expect(within(section).getByText('applying')).toBeInTheDocument();
    expect(section).toHaveTextContent('Argo CD is syncing it');
    expect(api.getChangeDelivery).toHaveBeenCalledWith(merged.id);
  });

  it('does not ask for delivery before the change is merged', async () => {
    const api = mockNtInfraApi({
      getChange: jest.fn().mockResolvedValue(openChange),
    });
    await renderSettled(<ChangeRequestPage id={openChange.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(screen.getByLabelText('Diff')).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Delivery' }),
    ).not.toBeInTheDocument();
    expect(api.getChangeDelivery).not.toHaveBeenCalled();
  });
});
