import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import {
  allowedPreview,
  experiments,
  refusedPreview,
  runningRun,
  runSummary,
} from '../../__fixtures__/chaos';
import { productionRegions } from '../../__fixtures__/regions';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { ChaosRunForm } from './ChaosRunForm';

async function renderForm(api = mockNtInfraApi(), onStarted = jest.fn()) {
  await renderInTestApp(
    <ChaosRunForm
      library={experiments}
      environments={productionRegions.environments}
      onStarted={onStarted}
    />,
    { apis: [[ntInfraApiRef, api]] },
  );
  return { api, onStarted };
}

describe('ChaosRunForm', () => {
  it('previews a template and lists the exact target pods per region', async () => {
    const api = mockNtInfraApi({
      previewChaosRun: jest.fn().mockResolvedValue(allowedPreview),
    });
    await renderForm(api);
    await userEvent.selectOptions(
      screen.getByLabelText('Experiment'),
      'network-latency',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(api.previewChaosRun).toHaveBeenCalledWith({
      environment: 'production',
      regions: ['eastus'],
      template: expect.objectContaining({
        type: 'network-latency',
        workload: { namespace: 'ntai', name: 'ntai-api' },
        latencyMs: 200,
        stopConditions: [
          expect.objectContaining({ metric: 'ntai:availability:ratio_rate5m' }),
        ],
      }),
    });
    const row = await screen.findByRole('row', { name: /Targets eastus/ });
    expect(
      within(row).getByText('ntai/ntai-api-7d9f-abcde'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('ntai/ntai-api-7d9f-fghij'),
    ).toBeInTheDocument();
    expect(row).toHaveTextContent('2 of 20 (10 %; limit 10 %)');
    expect(screen.getByText('Allowed by policy')).toBeInTheDocument();
  });

  it('shows why the policy refuses and does not let the run start', async () => {
    const api = mockNtInfraApi({
      previewChaosRun: jest.fn().mockResolvedValue(refusedPreview),
    });
    await renderForm(api);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    const reasons = await screen.findByRole('list', {
      name: 'Refusal reasons',
    });
    expect(reasons).toHaveTextContent(
      'production runs need an approved chaos window covering now',
    );
    expect(reasons).toHaveTextContent('10% of 3 matching pods selects 0 pods');
    expect(screen.getByText('no pods selected')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start run' })).toBeDisabled();
  });

  it('confirms before starting, keeps a failed start in the dialog and retries it with the same key', async () => {
    const api = mockNtInfraApi({
      previewChaosRun: jest.fn().mockResolvedValue(allowedPreview),
      startChaosRun: jest
        .fn()
        .mockRejectedValueOnce(new Error('network down'))
        .mockResolvedValue(runSummary(runningRun)),
    });
    const { onStarted } = await renderForm(api);
    await userEvent.selectOptions(
      screen.getByLabelText('Experiment'),
      'library:PodChaos/ntai/api-pod-failure-10pct',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start run' }),
    );
    // Nothing starts before the confirmation, which says what will be hit.
    const dialog = await screen.findByRole('dialog');
    expect(api.startChaosRun).not.toHaveBeenCalled();
    expect(dialog).toHaveTextContent('hits 2 pods in production (eastus)');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start now' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'network down',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start now' }),
    );
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    const [first, second] = api.startChaosRun.mock.calls;
    expect(first[0]).toEqual({
      environment: 'production',
      regions: ['eastus'],
      experimentId: 'PodChaos/ntai/api-pod-failure-10pct',
    });
    expect(first[1]).toMatch(/^ui-/);
    expect(second[1]).toBe(first[1]);
  });
});
