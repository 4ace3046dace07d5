import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { ResilienceTrendChart } from './ResilienceTrendChart';

describe('ResilienceTrendChart', () => {
  it('titles both axes: the weeks in their time zone and the score with its scale', async () => {
    await renderInTestApp(
      <ResilienceTrendChart
        points={[
          { at: '2026-11-16T00:00:00Z', score: 20 },
          { at: '2026-11-23T00:00:00Z', score: 35 },
          { at: '2026-11-30T00:00:00Z', score: 43 },
        ]}
        width={480}
        timeZone="UTC"
      />,
    );
    const figure = screen.getByRole('figure', {
      name: 'Resilience score by week, 16 Nov–30 Nov: 20, 35, 43',
    });
    expect(within(figure).getByText('Week ending (UTC)')).toBeInTheDocument();
    expect(within(figure).getByText('Score (0–100)')).toBeInTheDocument();
  });
});
