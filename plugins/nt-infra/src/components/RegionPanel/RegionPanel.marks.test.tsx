import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { runningRun, runSummary } from '../../__fixtures__/chaos';
import { eastus, FIXTURE_NOW } from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { RegionPanel } from './RegionPanel';

describe('RegionPanel charts', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('draws the SLO on the charts and shades the run that hit the region', async () => {
    const run = runSummary(runningRun, {
      title: 'Pod failure ntai-api',
      startedAt: new Date(FIXTURE_NOW - 10 * 60_000).toISOString(),
      endedAt: undefined,
    });
    const runQueries: string[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/regions/production/eastus/slis`, () =>
        HttpResponse.json(eastusSeries),
      ),
      http.get(`${NT_INFRA_TEST_URL}/runs`, ({ request }) => {
        runQueries.push(new URL(request.url).search);
        return HttpResponse.json({ items: [run] });
      }),
    );
    await renderSettled(
      <RegionPanel environment="production" region={eastus} />,
      {
        apis: [[ntInfraApiRef, mswNtInfraClient()]],
        config: {
          ntInfra: { grafana: { baseUrl: 'https://grafana.example.com' } },
        },
      },
    );

    const availability = await screen.findByRole('figure', {
      name: /^Availability, last hour/,
    });
    expect(
      within(availability).getAllByText('SLO objective 99.900 %').length,
    ).toBeGreaterThan(0);
    expect(availability).toHaveTextContent(
      'Pod failure ntai-api (chaos, live)',
    );
    const errors = screen.getByRole('figure', {
      name: /^Error ratio, last hour/,
    });
    expect(errors).toHaveTextContent('Budget burn 1× (0.10 %)');
    expect(runQueries).toContain(
      '?environment=production&region=eastus&limit=5',
    );
  });
});
