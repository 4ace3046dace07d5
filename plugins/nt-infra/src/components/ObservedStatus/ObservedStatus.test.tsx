import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen } from '@testing-library/react';
import { FIXTURE_NOW, secondsBeforeNow } from '../../__fixtures__/regions';
import { ObservedStatus } from './ObservedStatus';

describe('ObservedStatus', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows the age of a fresh reading and keeps counting', async () => {
    await renderInTestApp(
      <ObservedStatus
        source="Cluster"
        observed={{ status: 'ok', value: 1, observedAt: secondsBeforeNow(5) }}
      />,
    );
    expect(screen.getByText('read 5 s ago')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(3000);
    });
    expect(screen.getByText('read 8 s ago')).toBeInTheDocument();
  });

  it('never passes a stale reading off as fresh: it says stale, how old and why', async () => {
    await renderInTestApp(
      <ObservedStatus
        source="Traffic Manager endpoint"
        observed={{
          status: 'stale',
          value: 1,
          observedAt: secondsBeforeNow(125),
          error: 'ARM request timed out',
        }}
      />,
    );
    expect(
      screen.getByText(/stale: last read 2 min ago — ARM request timed out/),
    ).toHaveAttribute('data-tone', 'warning');
  });

  it('says a reading is unavailable and why', async () => {
    await renderInTestApp(
      <ObservedStatus
        source="SLIs"
        observed={{ status: 'unavailable', error: 'Prometheus unreachable' }}
      />,
    );
    expect(
      screen.getByText(/unavailable: Prometheus unreachable/),
    ).toHaveAttribute('data-tone', 'danger');
  });
});
