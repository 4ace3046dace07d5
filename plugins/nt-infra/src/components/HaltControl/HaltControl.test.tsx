import { mockApis } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { HaltControl } from './HaltControl';

const engaged = {
  engaged: true,
  changedBy: 'user:default/alice',
  reason: 'SEV1 in eastus',
  changedAt: '2025-06-01T11:59:00.000Z',
};

describe('HaltControl', () => {
  it('shows who engaged halt-all and why, and offers release to those allowed', async () => {
    const api = mockNtInfraApi({
      getHalt: jest.fn().mockResolvedValue(engaged),
    });
    await renderSettled(<HaltControl />, {
      apis: [[ntInfraApiRef, api], mockApis.permission()],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Halt-all engaged by user:default/alice: SEV1 in eastus',
    );
    expect(
      screen.getByRole('button', { name: 'Release halt' }),
    ).toBeInTheDocument();
  });

  it('engages with a reason and reports what the sweep removed', async () => {
    const api = mockNtInfraApi({
      getHalt: jest.fn().mockResolvedValue({ engaged: false }),
      engageHalt: jest.fn().mockResolvedValue({
        ...engaged,
        removed: [
          {
            cluster: 'aks-ntai-production-eastus',
            kind: 'PodChaos',
            namespace: 'ntai',
            name: 'nt-1111-pod-failure',
          },
        ],
        failed: [],
      }),
    });
    await renderSettled(<HaltControl />, {
      apis: [[ntInfraApiRef, api], mockApis.permission()],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Halt all chaos' }),
    );
    await userEvent.type(screen.getByLabelText(/Why halt/), 'SEV1 in eastus');
    await userEvent.click(
      screen.getByRole('button', { name: 'Halt everything now' }),
    );
    expect(api.engageHalt).toHaveBeenCalledWith('SEV1 in eastus');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Halt-all engaged by user:default/alice',
    );
    expect(screen.getByText('Removed 1 fault(s).')).toBeInTheDocument();
  });
});
