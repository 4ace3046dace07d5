import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { FIXTURE_NOW } from '../../__fixtures__/regions';
import { RefreshStatus } from './RefreshStatus';

describe('RefreshStatus', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('says the view is live and when it last refreshed', async () => {
    await renderInTestApp(
      <RefreshStatus
        what="regions"
        intervalMs={5000}
        polled={{ loadedAt: FIXTURE_NOW - 2000 }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Live: regions refresh every 5 s, last 2 s ago.',
    );
  });

  it('marks the data on screen as stale when a refresh fails', async () => {
    await renderInTestApp(
      <RefreshStatus
        what="regions"
        intervalMs={5000}
        polled={{
          loadedAt: FIXTURE_NOW - 12_000,
          error: new Error('502 Bad Gateway'),
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Refreshing regions failed: 502 Bad Gateway',
    );
    expect(alert).toHaveTextContent(
      'Showing regions as loaded 12 s ago — stale.',
    );
  });
});
