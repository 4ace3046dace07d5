import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { unhealthyFailover } from '../../__fixtures__/failover';
import { FailoverCurve } from './FailoverCurve';

describe('FailoverCurve', () => {
  it('draws the shares and error ratio on one axis after the cut, with units and the marks', async () => {
    await renderInTestApp(
      <FailoverCurve
        traffic={unhealthyFailover.traffic}
        marks={unhealthyFailover.marks}
        fromRegion="eastus"
        toRegion="westus"
        width={640}
      />,
    );
    const figure = screen.getByRole('figure', {
      name: /^Users' traffic, −15 s to \+105 s after the cut; error ratio max 95\.00 %; last interval eastus 0 %, westus 100 %; marks: Cut 0 s, Detection \+31 s, DNS switch \+31 s, Recovery \+72 s, TTL expiry \+91 s, Failback \+160 s$/,
    });
    // Both axes say their unit; the value axis is in percent of user requests.
    expect(
      within(figure).getByText('seconds after the cut'),
    ).toBeInTheDocument();
    expect(within(figure).getByText('% of user requests')).toBeInTheDocument();
    expect(within(figure).getAllByText(/^\d+ %$/).length).toBeGreaterThan(2);
    expect(within(figure).getAllByText(/^\+\d+ s$/).length).toBeGreaterThan(2);
    // One line per region and the failed share, named in the legend.
    expect(within(figure).getByText('Served by eastus')).toBeInTheDocument();
    expect(within(figure).getByText('Served by westus')).toBeInTheDocument();
    expect(within(figure).getByText('Failed')).toBeInTheDocument();
    expect(within(figure).getByText('error objective')).toBeInTheDocument();
    // Each mark is drawn on the chart and listed with where it came from.
    const marks = within(figure).getByRole('list', { name: 'Marks' });
    for (const label of [
      'Cut',
      'Detection',
      'DNS switch',
      'TTL expiry',
      'Recovery',
      'Failback',
    ]) {
      expect(within(figure).getAllByText(label)).toHaveLength(2);
    }
    expect(marks).toHaveTextContent("Recovery +72 s (users' request counters)");
    expect(marks).toHaveTextContent(
      "Detection +31 s (Traffic Manager's endpoint status)",
    );
  });

  it('says why there is no curve when the counters could not be read, and keeps the marks', async () => {
    await renderInTestApp(
      <FailoverCurve
        traffic={{
          query: 'http_requests_total',
          errorObjective: 0.001,
          points: [],
          error: 'Prometheus unreachable',
        }}
        marks={[{ kind: 'cut', seconds: 0, source: 'run' }]}
      />,
    );
    const figure = screen.getByRole('figure', {
      name: "Users' traffic: no data",
    });
    expect(figure).toHaveTextContent(
      "The users' request counters could not be read: Prometheus unreachable",
    );
    expect(
      within(figure).getByRole('list', { name: 'Marks' }),
    ).toHaveTextContent('Cut 0 s');
  });
});
