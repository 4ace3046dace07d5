import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { StatusBadge } from './StatusBadge';

describe('StatusBadge', () => {
  it('carries its meaning in text, not only in colour', async () => {
    await renderInTestApp(
      <StatusBadge tone="danger" label="Verdict">
        down
      </StatusBadge>,
    );
    const badge = screen.getByText('down');
    expect(badge).toHaveAttribute('data-tone', 'danger');
    expect(badge).toHaveTextContent('Verdict: down');
  });
});
