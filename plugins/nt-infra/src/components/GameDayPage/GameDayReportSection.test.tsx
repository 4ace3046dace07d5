import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GameDayReport } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { unhealthyFailover } from '../../__fixtures__/failover';
import { gameDayReport } from '../../__fixtures__/gameday';
import { productionRegions } from '../../__fixtures__/regions';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { GameDayReportSection } from './GameDayReportSection';

const server = setupServer();
const id = gameDayReport.gameDay.id;

/** The report as the backend serves it: the failover step carries the test's view. */
const withFailover: GameDayReport = {
  ...gameDayReport,
  steps: gameDayReport.steps.map(step =>
    step.child
      ? {
          ...step,
          child: {
            ...step.child,
            failover: {
              method: unhealthyFailover.method,
              fromRegion: unhealthyFailover.fromRegion,
              toRegion: unhealthyFailover.toRegion,
              measurements: unhealthyFailover.measurements,
              verdicts: unhealthyFailover.verdicts,
              targets: unhealthyFailover.targets,
              traffic: unhealthyFailover.traffic,
              marks: unhealthyFailover.marks,
            },
          },
        }
      : step,
  ),
};

function serve(report: GameDayReport) {
  server.use(
    http.get(`${NT_INFRA_TEST_URL}/gamedays/${id}/report`, ({ request }) =>
      new URL(request.url).searchParams.get('format') === 'markdown'
        ? HttpResponse.text('# GameDay\n')
        : HttpResponse.json(report),
    ),
    http.get(`${NT_INFRA_TEST_URL}/regions`, () =>
      HttpResponse.json(productionRegions),
    ),
  );
}

describe('GameDayReportSection (HTTP)', () => {
  registerMswTestHooks(server);

  it("shows a failover step's RTO with its source and the users' curve", async () => {
    serve(withFailover);
    await renderSettled(<GameDayReportSection id={id} />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    const report = await screen.findByRole('region', { name: 'Report' });
    expect(
      within(report).getByRole('row', { name: /^failover failover passed/ }),
    ).toHaveTextContent('failover run completed · RTO 72 s / target 300 s');
    const step = within(report).getByRole('region', {
      name: 'Failover step failover',
    });
    expect(step).toHaveTextContent(
      "RTO 72 s — users' request counters, 15 s resolution; bounds 31–91 s",
    );
    const curve = within(step).getByRole('figure', { name: /^Users' traffic/ });
    expect(within(curve).getByText('% of user requests')).toBeInTheDocument();
    // The lines are named after the regions, as on the failover test's page.
    const legend = within(curve).getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('Served by East US')).toBeInTheDocument();
    expect(within(legend).getByText('Served by West US')).toBeInTheDocument();
    expect(
      within(curve).getByRole('list', { name: 'Marks' }),
    ).toHaveTextContent(
      /Cut 0 s.*Detection \+31 s.*DNS switch \+31 s.*Recovery \+72 s.*TTL expiry \+91 s.*Failback \+160 s/,
    );
  });

  it('keeps the stored RTO of a report from before the curve, and draws none', async () => {
    serve(gameDayReport);
    await renderSettled(<GameDayReportSection id={id} />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    const report = await screen.findByRole('region', { name: 'Report' });
    expect(
      within(report).getByRole('row', { name: /^failover failover passed/ }),
    ).toHaveTextContent('RTO 43 s / target 300 s');
    expect(within(report).queryByRole('figure')).toBeNull();
  });
});
