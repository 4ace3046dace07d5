import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { formatPercent } from '../../lib/format';
import { Sparkline } from './Sparkline';

describe('Sparkline', () => {
  it('draws the series and reads out its latest, lowest and highest value', async () => {
    await renderInTestApp(
      <Sparkline
        label="Error ratio"
        format={v => formatPercent(v)}
        points={[
          { t: 0, v: 0.001 },
          { t: 60_000, v: NaN },
          { t: 120_000, v: 0.004 },
          { t: 180_000, v: 0.002 },
        ]}
      />,
    );
    const chart = screen.getByRole('img', {
      name: 'Error ratio: latest 0.20 %, min 0.10 %, max 0.40 %',
    });
    // NaN points are skipped rather than drawn as a gap at zero.
    expect(
      chart.querySelector('polyline')?.getAttribute('points')?.split(' '),
    ).toHaveLength(3);
  });

  it('says there is no history rather than drawing a dot', async () => {
    await renderInTestApp(
      <Sparkline label="Latency" format={String} points={[{ t: 0, v: 1 }]} />,
    );
    expect(screen.getByText('no history')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('can scale from zero so small changes in a ratio stay small', async () => {
    await renderInTestApp(
      <Sparkline
        label="Errors"
        format={String}
        zeroBased
        height={20}
        points={[
          { t: 0, v: 10 },
          { t: 1, v: 9 },
        ]}
      />,
    );
    const ys = screen
      .getByRole('img')
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')
      .map(p => Number(p.split(',')[1]));
    // 10 → 9 drops a tenth of the height, not all of it.
    expect(ys[1] - ys[0]).toBeCloseTo(1.6, 1);
  });

  it('shades a highlighted interval, clipped to the drawn range', async () => {
    await renderInTestApp(
      <Sparkline
        label="Errors"
        format={String}
        width={100}
        height={20}
        highlight={{ from: -50, to: 50, label: 'Fault injected' }}
        points={[
          { t: 0, v: 1 },
          { t: 100, v: 2 },
        ]}
      />,
    );
    const rect = screen.getByRole('img').querySelector('rect')!;
    expect(rect).toHaveTextContent('Fault injected');
    // From the left edge (pad 2) to the middle (t = 50 → x = 50).
    expect(Number(rect.getAttribute('x'))).toBeCloseTo(2);
    expect(Number(rect.getAttribute('width'))).toBeCloseTo(48);
  });
});
