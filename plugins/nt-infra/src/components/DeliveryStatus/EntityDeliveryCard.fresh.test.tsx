import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DeliverySummary } from '@internal/plugin-nt-infra-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { openChange } from '../../__fixtures__/gitops';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { formatDateTime } from '../../lib/format';
import { EntityDeliveryCard } from './EntityDeliveryCard';

const reason =
  'the base branch could not be read: the local GitOps remote does not exist yet (the first change request creates it)';

/** What the backend answers before the local GitOps remote exists. */
const unreadable: DeliverySummary = {
  fullyDelivered: false,
  computedAt: '2026-11-26T10:10:00Z',
  targets: [
    {
      environment: 'production',
      region: 'eastus',
      trafficManagerProfile: 'tm-ntai-production',
      state: 'unknown',
      reason,
      sources: [],
    },
  ],
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ntai-api',
    annotations: { 'nt-infra/traffic-manager-profile': 'tm-ntai-production' },
  },
  spec: {},
};

describe('EntityDeliveryCard before anything went through GitOps', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function renderWith(changes: unknown[], summary = unreadable) {
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/delivery`, () =>
        HttpResponse.json(summary),
      ),
      http.get(`${NT_INFRA_TEST_URL}/gitops/changes`, () =>
        HttpResponse.json({ items: changes }),
      ),
    );
    await renderSettled(
      <EntityProvider entity={entity}>
        <EntityDeliveryCard />
      </EntityProvider>,
      { apis: [[ntInfraApiRef, mswNtInfraClient()]] },
    );
  }

  it('shows an empty state, not "not fully delivered", until the first change request', async () => {
    await renderWith([]);
    const card = await screen.findByLabelText('Delivery');
    expect(card).toHaveTextContent(/Nothing delivered through GitOps yet/);
    expect(card).not.toHaveTextContent('main not fully delivered');
    expect(card).not.toHaveTextContent(reason);
  });

  it('says why once a change request exists and the branch still cannot be read', async () => {
    await renderWith([openChange]);
    const card = await screen.findByLabelText('Delivery');
    expect(card).toHaveTextContent('main not fully delivered');
    expect(card).toHaveTextContent(reason);
  });

  it("shows a reason's instants in the portal's date format", async () => {
    const at = '2026-11-26T10:05:00.000Z';
    const stale = `Argo CD could not be read (unreachable); last answer at ${at}`;
    await renderWith([openChange], {
      ...unreadable,
      mainSha: 'c'.repeat(40),
      targets: [{ ...unreadable.targets[0], reason: stale }],
    });
    const card = await screen.findByLabelText('Delivery');
    expect(card).toHaveTextContent(`last answer at ${formatDateTime(at)}`);
    expect(card).not.toHaveTextContent(at);
  });
});
