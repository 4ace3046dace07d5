import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ResilienceScore } from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { historyRouteRef } from '../../routes';
import { ResilienceScoreCard } from './ResilienceScoreCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    annotations: { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
  },
  spec: {},
};

const RUN = 'a1111111-1111-4111-8111-111111111111';

const score: ResilienceScore = {
  entityRef: 'component:default/ntai-api',
  score: 43,
  asOf: '2026-12-01T12:00:00.000Z',
  windowDays: 30,
  reasons: [
    {
      id: 'mode-pod',
      label: 'Pod failure exercised',
      points: 7.5,
      maxPoints: 15,
      explanation: 'The latest run rolled-back (1 in the last 30 days).',
      weightReason: 'The four failure modes weigh the same.',
      evidence: [
        {
          runId: RUN,
          kind: 'chaos',
          title: 'Pod failure ntai-api',
          state: 'rolled-back',
          at: '2026-11-30T10:00:00.000Z',
          note: 'rolled-back',
        },
      ],
    },
    {
      id: 'rto',
      label: 'Last failover RTO against target',
      points: 0,
      maxPoints: 10,
      explanation:
        "No failover test in the entity's environments measured an RTO in the last 30 days.",
      weightReason: 'One of the two recovery commitments.',
      evidence: [],
    },
  ],
  trend: [
    { at: '2026-11-17T12:00:00.000Z', score: 20 },
    { at: '2026-11-24T12:00:00.000Z', score: 35 },
    { at: '2026-12-01T12:00:00.000Z', score: 43 },
  ],
};

async function renderCard(api: jest.Mocked<NtInfraApi>) {
  await renderSettled(
    <EntityProvider entity={entity}>
      <ResilienceScoreCard />
    </EntityProvider>,
    {
      apis: [[ntInfraApiRef, api]],
      mountedRoutes: { '/nt-infra/history': historyRouteRef },
    },
  );
}

describe('ResilienceScoreCard', () => {
  it('shows the score, each reason with its evidence linked, and the weekly trend', async () => {
    const api = mockNtInfraApi({
      getResilienceScores: jest
        .fn()
        .mockResolvedValue({ items: [score], notFound: [] }),
    });
    await renderCard(api);

    expect(api.getResilienceScores).toHaveBeenCalledWith(
      ['component:default/ntai-api'],
      { weeks: 8 },
    );
    expect(await screen.findByText('43 / 100')).toBeInTheDocument();
    const reasons = screen.getByRole('list', { name: 'Why this score' });
    const pod = within(reasons).getByRole('listitem', {
      name: 'Pod failure exercised',
    });
    expect(pod).toHaveTextContent('7.5 / 15');
    expect(pod).toHaveTextContent(
      'Weight: The four failure modes weigh the same.',
    );
    expect(
      within(pod).getByRole('link', { name: 'Pod failure ntai-api' }),
    ).toHaveAttribute('href', `/nt-infra/history?run=${RUN}`);
    expect(
      within(reasons).getByRole('listitem', {
        name: 'Last failover RTO against target',
      }),
    ).toHaveTextContent('0 / 10');
    expect(
      screen.getByRole('figure', { name: /Resilience score by week/ }),
    ).toHaveAttribute(
      'aria-label',
      expect.stringMatching(/17 Nov.*1 Dec: 20, 35, 43$/),
    );
  });

  it('says so when the catalog does not show the entity', async () => {
    await renderCard(
      mockNtInfraApi({
        getResilienceScores: jest.fn().mockResolvedValue({
          items: [],
          notFound: ['component:default/ntai-api'],
        }),
      }),
    );
    expect(
      await screen.findByText('The catalog does not show this entity.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the score cannot be loaded', async () => {
    await renderCard(
      mockNtInfraApi({
        getResilienceScores: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
