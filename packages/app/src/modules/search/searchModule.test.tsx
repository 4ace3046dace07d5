import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import searchPlugin from '@backstage/plugin-search/alpha';
import { MockSearchApi, searchApiRef } from '@backstage/plugin-search-react';
import { screen, within } from '@testing-library/react';
import {
  ntInfraExperimentsResultType,
  ntInfraResultListItem,
  ntInfraRunsResultType,
} from '.';

const RUN_ID = '6c0e2c4e-1c55-4b69-9b83-2f1a4c7d9e10';

const results = {
  results: [
    {
      type: 'nt-infra-run',
      document: {
        title: 'Failover eastus → westus',
        text: 'Failover test from eastus to westus in production (disable-endpoint). RTO 72 s against a target of 300 s (passed).',
        location: `/nt-infra/history?run=${RUN_ID}`,
        runId: RUN_ID,
        runKind: 'failover',
        state: 'completed',
        environment: 'production',
        regions: ['eastus', 'westus'],
      },
    },
    {
      type: 'nt-infra-experiment',
      document: {
        title: 'API pod failure (10%)',
        text: 'Makes 10% of the ntai-api pods unavailable for five minutes.',
        location:
          '/nt-infra/chaos?experiment=PodChaos%2Fntai%2Fapi-pod-failure-10pct',
        kind: 'PodChaos',
        environment: 'production',
        region: '',
      },
    },
  ],
};

describe('nt-infra on the search page', () => {
  async function renderPage() {
    const tester = createExtensionTester(
      searchPlugin.getExtension('page:search'),
    )
      .add(ntInfraRunsResultType)
      .add(ntInfraExperimentsResultType)
      .add(ntInfraResultListItem);
    await renderInTestApp(tester.reactElement(), {
      apis: [
        [searchApiRef, new MockSearchApi(results)],
        [catalogApiRef, catalogApiMock()],
      ],
    });
  }

  it('offers the nt-infra result types in the type filter', async () => {
    await renderPage();
    expect(
      await screen.findByText('Runs, failover tests & GameDays'),
    ).toBeInTheDocument();
    expect(screen.getByText('Chaos experiments')).toBeInTheDocument();
  });

  it('links each result to its page in the portal, with what it is and where', async () => {
    await renderPage();
    const run = await screen.findByRole('link', {
      name: /Failover eastus → westus/,
    });
    expect(run).toHaveAttribute('href', `/nt-infra/history?run=${RUN_ID}`);
    const runItem = run.closest('li') ?? run.parentElement!;
    for (const fact of ['Failover test', 'completed', 'production']) {
      expect(
        within(runItem as HTMLElement).getByText(fact),
      ).toBeInTheDocument();
    }
    expect(
      within(runItem as HTMLElement).getByText('eastus, westus'),
    ).toBeInTheDocument();

    const experiment = screen.getByRole('link', {
      name: /API pod failure \(10%\)/,
    });
    expect(experiment).toHaveAttribute(
      'href',
      '/nt-infra/chaos?experiment=PodChaos%2Fntai%2Fapi-pod-failure-10pct',
    );
  });
});
