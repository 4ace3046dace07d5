import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import { openChange, ttlPreview } from '../../__fixtures__/gitops';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { GitOpsPage } from './GitOpsPage';

describe('GitOpsPage', () => {
  it('previews a Traffic Manager change with a coloured diff, then creates it', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getChanges: jest.fn().mockResolvedValue({ items: [openChange] }),
      previewChange: jest.fn().mockResolvedValue(ttlPreview),
      createChange: jest.fn().mockResolvedValue(openChange),
      getChange: jest.fn().mockResolvedValue(openChange),
    });
    await renderSettled(<GitOpsPage />, { apis: [[ntInfraApiRef, api]] });
    expect(
      await screen.findByRole('link', { name: openChange.title }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(`change=${openChange.id}`),
    );

    await user.selectOptions(
      screen.getByLabelText('Change'),
      'traffic-manager',
    );
    await user.type(screen.getByLabelText(/DNS TTL/), '30');
    await user.type(screen.getByLabelText(/Reason/), 'faster failover');
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const expected = {
      kind: 'traffic-manager',
      reason: 'faster failover',
      params: { environment: 'staging', dnsTtlSeconds: 30 },
    };
    expect(api.previewChange).toHaveBeenCalledWith(expected);
    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(within(preview).getByText('+dns_ttl_seconds = 30')).toHaveAttribute(
      'data-diff',
      'added',
    );
    expect(within(preview).getByText('-dns_ttl_seconds = 60')).toHaveAttribute(
      'data-diff',
      'removed',
    );
    expect(
      within(preview).getByText('validateTerraform: passed'),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Create change request' }),
    );
    expect(api.createChange).toHaveBeenCalledWith(
      expected,
      expect.stringMatching(/^ui-/),
    );
    await waitFor(() =>
      expect(api.getChange).toHaveBeenCalledWith(openChange.id),
    );
  });

  it('promotes a staging setting to production without asking for an environment', async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getChanges: jest.fn().mockResolvedValue({ items: [] }),
      previewChange: jest.fn().mockResolvedValue(ttlPreview),
    });
    await renderSettled(<GitOpsPage />, { apis: [[ntInfraApiRef, api]] });

    await user.selectOptions(
      screen.getByLabelText('Change'),
      'promote-hpa-bounds',
    );
    expect(screen.queryByLabelText('Environment')).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Workload/));
    await user.type(screen.getByLabelText(/^Workload/), 'ntai-worker');
    await user.type(screen.getByLabelText(/Reason/), 'staging bounds held');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(api.previewChange).toHaveBeenLastCalledWith({
      kind: 'promote',
      reason: 'staging bounds held',
      params: { setting: { type: 'hpa-bounds', workload: 'ntai-worker' } },
    });

    await user.selectOptions(
      screen.getByLabelText('Change'),
      'promote-dns-ttl',
    );
    expect(screen.queryByLabelText(/^Workload/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(api.previewChange).toHaveBeenLastCalledWith({
      kind: 'promote',
      reason: 'staging bounds held',
      params: { setting: { type: 'dns-ttl' } },
    });
  });
});
