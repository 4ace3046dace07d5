import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { experiments } from '../../__fixtures__/chaos';
import { ExperimentLibrary } from './ExperimentLibrary';

describe('ExperimentLibrary', () => {
  it('lists the experiments and, visibly, the files that failed validation', async () => {
    const onRun = jest.fn();
    await renderInTestApp(
      <ExperimentLibrary library={experiments} onRun={onRun} />,
    );
    expect(
      screen.getByRole('list', { name: 'Library problems' }),
    ).toHaveTextContent(
      'kubernetes/chaos-experiments/staging/broken.yaml: spec.duration: must be a Go duration',
    );
    const row = screen.getByRole('row', { name: /API pod failure \(10%\)/ });
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('PodChaos')).toBeInTheDocument();
    expect(
      within(row).getByText('ntai:availability:ratio_rate5m < 0.99 for 1m'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Run API pod failure (10%)' }),
    );
    expect(onRun).toHaveBeenCalledWith(experiments.items[0]);
  });
});
