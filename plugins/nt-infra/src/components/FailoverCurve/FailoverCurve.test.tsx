import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  FailoverDrain,
  FailoverMark,
  FailoverRto,
  FailoverTraffic,
} from '@internal/plugin-nt-infra-common';
import { screen, within } from '@testing-library/react';
import { unhealthyFailover } from '../../__fixtures__/failover';
import { FailoverCurve } from './FailoverCurve';
import { estimateLabelWidth } from './markLabelLayout';

describe('FailoverCurve', () => {
  it('draws the shares and error ratio on one axis after the cut, with units and the marks', async () => {
    await renderInTestApp(
      <FailoverCurve
        traffic={unhealthyFailover.traffic}
        marks={unhealthyFailover.marks}
        rto={unhealthyFailover.measurements.rto}
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
    expect(
      within(figure).getByText('Error objective 0.10 %'),
    ).toBeInTheDocument();
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
    // The DNS switch and the failback are the resolver's own observations,
    // not a headline figure from an old test.
    expect(marks).toHaveTextContent(
      "DNS switch +31 s (the portal's own resolver)",
    );
    expect(marks).toHaveTextContent(
      "Failback +160 s (the portal's own resolver)",
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

/** The e2e GameDay's marks (1.5 s counters, marks seconds apart): the README's screenshot. */
const closeMarks: FailoverMark[] = [
  { kind: 'cut', seconds: 0, source: 'run' },
  { kind: 'detection', seconds: 2, source: 'traffic-manager' },
  { kind: 'dns-switch', seconds: 2, source: 'resolver' },
  { kind: 'recovery', seconds: 7.8, source: 'traffic' },
  { kind: 'ttl-expiry', seconds: 8, source: 'dns-switch-plus-ttl' },
  { kind: 'restore', seconds: 14, source: 'run' },
  { kind: 'failback', seconds: 15, source: 'resolver' },
];
const closeTraffic: FailoverTraffic = {
  query: 'http_requests_total',
  resolutionSeconds: 1.5,
  errorObjective: 0.001,
  points: Array.from({ length: 15 }, (_, i) => {
    const startSeconds = -6 + i * 1.5;
    const errorRatio = startSeconds >= 0 && startSeconds < 7.5 ? 0.3 : 0;
    const primaryShare = startSeconds < 2 ? 1 - errorRatio : 0.05;
    return {
      startSeconds,
      endSeconds: startSeconds + 1.5,
      requests: 60,
      failed: Math.round(60 * errorRatio),
      errorRatio,
      primaryShare,
      secondaryShare: 1 - primaryShare - errorRatio,
    };
  }),
};

function svgOf(figure: HTMLElement): SVGSVGElement {
  const svg = figure.querySelector('svg');
  if (!svg) throw new Error('no chart drawn');
  return svg;
}

function svgText(svg: SVGSVGElement, text: string): SVGTextElement[] {
  return Array.from(svg.querySelectorAll('text')).filter(
    t => t.textContent === text,
  );
}

describe('FailoverCurve layout', () => {
  it.each([640, 420])(
    'keeps every text of a %i px chart apart: legend below, value title left of the ticks, mark names in rows above the plot',
    async width => {
      await renderInTestApp(
        <FailoverCurve
          traffic={closeTraffic}
          marks={closeMarks}
          fromRegion="eastus"
          toRegion="westus"
          width={width}
        />,
      );
      const figure = screen.getByRole('figure', { name: /^Users' traffic/ });
      const svg = svgOf(figure);

      // The legend is HTML below the chart, not drawn in the time axis' margin.
      const legend = within(figure).getByRole('list', { name: 'Legend' });
      for (const name of [
        'Served by eastus',
        'Served by westus',
        'Failed',
        'Error objective 0.10 %',
      ]) {
        expect(within(legend).getByText(name)).toBeInTheDocument();
        expect(svgText(svg, name)).toHaveLength(0);
      }
      // Nor is the objective named on its line, where mark names ran into it.
      expect(svg).not.toHaveTextContent(/error objective/i);

      // The value axis' title (rotated, anchored at x) clears its tick labels,
      // which end 8 px left of the axis and are up to "100 %" wide at 12 px.
      const [title] = svgText(svg, '% of user requests');
      const tick = svgText(svg, '100 %')[0];
      const tickRight = Number(tick.getAttribute('x'));
      const tickLeft = tickRight - estimateLabelWidth('100 %') * (12 / 11);
      // Rotated by -90°, the title's glyphs reach ~4 px right of its anchor.
      expect(Number(title.getAttribute('x')) + 4).toBeLessThan(tickLeft);

      // Each mark's name is above the plot (the top tick is the plot's top),
      // and no two names in one row share any span.
      const plotTop = Number(
        /translate\(0, ?([\d.]+)\)/.exec(
          tick.closest('g')!.getAttribute('transform')!,
        )![1],
      );
      const labels = Array.from(
        within(svg as unknown as HTMLElement)
          .getByTestId('mark-labels')
          .querySelectorAll('text'),
      ).map(t => {
        const x = Number(t.getAttribute('x'));
        const w = estimateLabelWidth(t.textContent!);
        const start = t.getAttribute('text-anchor') === 'end' ? x - w : x;
        return {
          text: t.textContent,
          y: Number(t.getAttribute('y')),
          start,
          end: start + w,
        };
      });
      expect(labels.map(l => l.text)).toEqual([
        'Cut',
        'Detection',
        'DNS switch',
        'Recovery',
        'TTL expiry',
        'Restore',
        'Failback',
      ]);
      for (const a of labels) {
        expect(a.y).toBeLessThan(plotTop);
        expect(a.start).toBeGreaterThanOrEqual(0);
        expect(a.end).toBeLessThanOrEqual(width);
      }
      const overlapping = labels.flatMap(a =>
        labels
          .filter(
            b => a !== b && a.y === b.y && a.end > b.start && b.end > a.start,
          )
          .map(b => `${a.text} over ${b.text}`),
      );
      expect(overlapping).toEqual([]);
      // Detection and the DNS switch, at the same second, are in two rows.
      const row = (text: string) => labels.find(l => l.text === text)!.y;
      expect(row('Detection')).not.toBe(row('DNS switch'));
    },
  );
});

describe('FailoverCurve TTL expiry', () => {
  const rto = (over: Partial<FailoverRto>): FailoverRto => ({
    seconds: 7.8,
    source: 'traffic',
    resolutionSeconds: 1.5,
    lowerBoundSeconds: 2,
    upperBoundSeconds: 8,
    ...over,
  });
  const marksText = async (props: {
    rto?: FailoverRto;
    drain?: FailoverDrain;
  }) => {
    await renderInTestApp(
      <FailoverCurve
        traffic={closeTraffic}
        marks={closeMarks}
        width={640}
        {...props}
      />,
    );
    return within(screen.getByRole('list', { name: 'Marks' }))
      .getByText('TTL expiry')
      .closest('li')!.textContent;
  };

  it("says the TTL expiry bounds the users' RTO when the RTO came from their counters", async () => {
    const text = await marksText({ rto: rto({}) });
    expect(text).toBe(
      "TTL expiry +8.0 s (DNS switch + TTL: the latest a client honouring the TTL is served again; the upper bound of the users' RTO, measured from their counters)",
    );
    expect(text).not.toMatch(/unreadable/);
  });

  it('says the counters put the recovery outside it when they did', async () => {
    expect(await marksText({ rto: rto({ outsideBounds: true }) })).toMatch(
      /DNS switch \+ TTL: .*; the users' counters put the recovery outside it\)$/,
    );
  });

  it('says the TTL expiry was taken as the RTO only when the counters were unreadable', async () => {
    expect(
      await marksText({
        rto: rto({ seconds: 8, source: 'dns-switch-plus-ttl' }),
      }),
    ).toMatch(/; taken as the RTO, the users' counters were unreadable\)$/);
  });

  it('speaks of users moving for a planned drain', async () => {
    expect(
      await marksText({ drain: { movedSeconds: 6, source: 'traffic' } }),
    ).toMatch(
      /the latest a client honouring the TTL moves; the upper bound of the users' move/,
    );
  });

  it('claims nothing about the counters without a headline figure', async () => {
    expect(await marksText({})).toBe(
      'TTL expiry +8.0 s (DNS switch + TTL: the latest a client honouring the TTL is served again)',
    );
  });
});
