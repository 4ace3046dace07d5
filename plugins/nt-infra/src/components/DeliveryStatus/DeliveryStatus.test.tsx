import { ChangeDelivery } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { advance, renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { DeliveryStatus } from './DeliveryStatus';

const ID = '5f0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11';
const MERGE = 'b'.repeat(40);
const OLD = 'a'.repeat(40);

function delivery(production: 'awaiting-approval' | 'applied'): ChangeDelivery {
  return {
    changeRequestId: ID,
    mergedSha: MERGE,
    mergedAt: '2026-11-26T10:05:00Z',
    computedAt: '2026-11-26T10:10:00Z',
    targets: [
      {
        environment: 'staging',
        region: 'eastus',
        state: 'applied',
        sources: [
          {
            source: 'argocd',
            state: 'applied',
            revision: MERGE,
            syncStatus: 'Synced',
            healthStatus: 'Healthy',
            deliveredAt: '2026-11-26T10:06:00Z',
            url: 'https://argocd.test/applications/ntai-staging-eastus',
          },
        ],
      },
      {
        environment: 'production',
        region: 'eastus',
        state: production,
        reason:
          production === 'applied'
            ? undefined
            : 'ntai-production-eastus syncs only when someone requests it',
        sources: [
          {
            source: 'argocd',
            state: production,
            revision: production === 'applied' ? MERGE : OLD,
            syncStatus: production === 'applied' ? 'Synced' : 'OutOfSync',
            healthStatus: 'Healthy',
            url: 'https://argocd.test/applications/ntai-production-eastus',
          },
        ],
      },
      {
        environment: 'production',
        region: 'westus',
        state: production === 'applied' ? 'applied' : 'unknown',
        reason:
          production === 'applied'
            ? undefined
            : 'Argo CD could not be read: Argo CD answered 503',
        sources: [],
      },
    ],
  };
}

async function render(api: ReturnType<typeof mockNtInfraApi>) {
  await renderSettled(<DeliveryStatus changeRequestId={ID} />, {
    apis: [[ntInfraApiRef, api]],
  });
}

describe('DeliveryStatus', () => {
  afterEach(() => jest.useRealTimers());

  it('shows each target with its state, revision, time and link, and why it is not applied', async () => {
    const api = mockNtInfraApi({
      getChangeDelivery: jest
        .fn()
        .mockResolvedValue(delivery('awaiting-approval')),
    });
    await render(api);
    expect(api.getChangeDelivery).toHaveBeenCalledWith(ID);
    const rows = within(
      await screen.findByRole('table', { name: 'Delivery by target' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('staging');
    expect(within(rows[1]).getByText('applied')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent(
      `Argo CD: ${MERGE.slice(0, 10)} · Synced · Healthy`,
    );
    expect(
      within(rows[1]).getByRole('link', { name: 'Argo CD' }),
    ).toHaveAttribute(
      'href',
      'https://argocd.test/applications/ntai-staging-eastus',
    );
    expect(within(rows[2]).getByText('awaiting approval')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('syncs only when someone requests it');
    expect(within(rows[3]).getByText('unknown')).toBeInTheDocument();
    expect(rows[3]).toHaveTextContent('Argo CD answered 503');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Live: delivery refresh every 5 s',
    );
  });

  it('polls until every target has the change, then stops', async () => {
    jest.useFakeTimers();
    const api = mockNtInfraApi({
      getChangeDelivery: jest
        .fn()
        .mockResolvedValueOnce(delivery('awaiting-approval'))
        .mockResolvedValue(delivery('applied')),
    });
    await render(api);
    expect(screen.getByText('awaiting approval')).toBeInTheDocument();
    await advance(5_000);
    expect(screen.queryByText('awaiting approval')).not.toBeInTheDocument();
    expect(screen.getByText(/delivered everywhere/)).toBeInTheDocument();
    await advance(20_000);
    expect(api.getChangeDelivery).toHaveBeenCalledTimes(2);
  });

  it('says when there is nothing to show, and shows a failed load as an error', async () => {
    await render(
      mockNtInfraApi({
        getChangeDelivery: jest.fn().mockResolvedValue({
          changeRequestId: ID,
          mergedSha: MERGE,
          computedAt: '2026-11-26T10:10:00Z',
          targets: [],
        }),
      }),
    );
    expect(
      screen.getByText('No delivery source is configured for this portal.'),
    ).toBeInTheDocument();
  });

  it('shows progress until the first answer', async () => {
    await render(
      mockNtInfraApi({
        getChangeDelivery: jest.fn().mockReturnValue(new Promise(() => {})),
      }),
    );
    expect(
      screen.getByRole('region', { name: 'Delivery' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the first load fails', async () => {
    await render(
      mockNtInfraApi({
        getChangeDelivery: jest
          .fn()
          .mockRejectedValue(new Error('Not allowed: nt-infra.run.read')),
      }),
    );
    expect(
      (await screen.findAllByText(/Not allowed: nt-infra.run.read/))[0],
    ).toBeInTheDocument();
  });
});
