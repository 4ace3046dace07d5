import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  EnvironmentHealth,
  FailoverTestView,
} from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { drainFailover, unhealthyFailover } from '../../__fixtures__/failover';
import { eastus, environment, westus } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { FailoverTestPanel } from './FailoverTestPanel';

const server = setupServer();

function serve(test: FailoverTestView) {
  server.use(
    http.get(`${NT_INFRA_TEST_URL}/failover-tests/${test.id}`, () =>
      HttpResponse.json(test),
    ),
  );
}

async function renderTest(
  test: FailoverTestView,
  environments?: EnvironmentHealth[],
) {
  serve(test);
  await renderSettled(
    <FailoverTestPanel id={test.id} environments={environments} />,
    {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    },
  );
  return screen.findByRole('article', { name: /^Failover / });
}

describe('FailoverTestPanel (HTTP)', () => {
  registerMswTestHooks(server);

  it('heads an unhealthy-region test with the RTO users lived, its source, resolution and bounds', async () => {
    const article = await renderTest(unhealthyFailover);
    // Without the environments, the regions keep their Azure names.
    expect(article).toHaveAccessibleName('Failover eastus → westus');
    expect(
      within(article).getByText(
        "RTO 72 s — users' request counters, 15 s resolution; bounds 31–91 s",
      ),
    ).toBeInTheDocument();
    // The badge prints the same figure as the header.
    expect(
      within(article).getByText(/RTO verdict/).parentElement,
    ).toHaveTextContent('RTO 72 s / target 300 s: passed');
    expect(
      within(article).getByRole('figure', { name: /^Users' traffic, / }),
    ).toHaveTextContent('seconds after the cut');
    // The portal's resolver is a phase, not the RTO; 30.5 s against 30 s
    // is inside the sampling resolution, so not slow.
    const phases = within(article).getByRole('table', {
      name: 'Phases seen by the portal',
    });
    expect(
      within(phases).getByRole('row', { name: /Portal's resolver served/ }),
    ).toHaveTextContent('33 s');
    expect(within(phases).queryByRole('row', { name: /^RTO/ })).toBeNull();
    expect(phases).not.toHaveTextContent('slower than expected');
  });

  it("names the curve's lines after the regions' display names, as the rest of the portal", async () => {
    // Looked up in the test's own environment.
    const article = await renderTest(unhealthyFailover, [
      environment([eastus, westus], 'staging'),
    ]);
    // The title too; the Azure names stay in the caption, to match Azure's views.
    expect(article).toHaveAccessibleName('Failover East US → West US');
    expect(
      within(article).getByRole('heading', {
        name: 'Failover East US → West US',
      }),
    ).toBeInTheDocument();
    expect(article).toHaveTextContent('staging · eastus → westus · unhealthy');
    const legend = within(article).getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('Served by East US')).toBeInTheDocument();
    expect(within(legend).getByText('Served by West US')).toBeInTheDocument();
  });

  it('flags a phase slower than the bound plus the sampling resolution', async () => {
    const article = await renderTest({
      ...unhealthyFailover,
      measurements: { ...unhealthyFailover.measurements, detectionSeconds: 45 },
    });
    expect(
      within(article).getByRole('row', { name: /^Detection/ }),
    ).toHaveTextContent('45 s (slower than expected)');
  });

  it('reports a planned drain as users moved and failed requests, with no RTO verdict', async () => {
    const article = await renderTest(drainFailover);
    expect(
      within(article).getByText(
        "Users moved to westus by 63 s — users' request counters, 15 s resolution; bounds 35 ms–60 s; 0 failed requests of 4200",
      ),
    ).toBeInTheDocument();
    expect(article).toHaveTextContent('No RTO verdict: planned drain');
    expect(article).toHaveTextContent('Drain: passed');
    expect(article).not.toHaveTextContent(/RTO \d/);
    // 35 ms against "at once" is sampling, not slowness.
    expect(
      within(article).getByRole('row', { name: /^Detection/ }),
    ).toHaveTextContent('35 ms');
    expect(article).not.toHaveTextContent('slower than expected');
    expect(
      within(article).getByRole('list', { name: 'Marks' }),
    ).toHaveTextContent('Users moved +63 s');
  });

  it('shows the hold-down counting down and the verdict as provisional while the drained primary is held out', async () => {
    const article = await renderTest({
      ...drainFailover,
      state: 'stopping',
      endedAt: undefined,
      holdDown: {
        requiredSeconds: 60,
        healthySince: new Date(Date.now() - 20_000).toISOString(),
        endsAt: new Date(Date.now() + 40_000).toISOString(),
      },
    });
    expect(
      within(article).getByRole('group', { name: 'Hold-down' }),
    ).toHaveTextContent(
      /eastus healthy for 2\d s of 1 min · traffic goes back in \d+ s/,
    );
    expect(
      within(article).getByText(/^Verdict/).parentElement,
    ).toHaveTextContent('Verdict: passed so far');
  });

  it('shows no hold-down and a final verdict once the test has ended', async () => {
    const article = await renderTest(drainFailover);
    expect(
      within(article).queryByRole('group', { name: 'Hold-down' }),
    ).toBeNull();
    expect(
      within(article).getByText(/^Verdict/).parentElement,
    ).toHaveTextContent(/Verdict: passed$/);
  });
});
