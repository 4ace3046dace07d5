import { act, render, screen } from '@testing-library/react';
import { HoldDownCountdown } from './HoldDownCountdown';

const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

describe('HoldDownCountdown', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  it('counts down every second between polls, with the held share as a bar', () => {
    // Healthy since 20 s ago, 60 s required: 40 s left.
    render(
      <HoldDownCountdown
        holdDown={{
          requiredSeconds: 60,
          healthySince: iso(-20),
          endsAt: iso(40),
        }}
        primary="eastus"
      />,
    );
    const group = screen.getByRole('group', { name: 'Hold-down' });
    expect(group).toHaveTextContent(
      'Hold-down: eastus healthy for 20 s of 1 min · traffic goes back in 40 s',
    );
    const bar = screen.getByRole('progressbar', { name: 'Hold-down progress' });
    expect(bar).toHaveAttribute('value', '33');

    act(() => {
      jest.advanceTimersByTime(15_000);
    });
    expect(group).toHaveTextContent(
      'eastus healthy for 35 s of 1 min · traffic goes back in 25 s',
    );
    expect(bar).toHaveAttribute('value', '58');

    act(() => {
      jest.advanceTimersByTime(30_000);
    });
    expect(group).toHaveTextContent(
      'Hold-down passed: giving eastus its traffic back',
    );
    expect(bar).toHaveAttribute('value', '100');
  });

  it('says why it has not started while the primary is unhealthy, without a bar', () => {
    render(
      <HoldDownCountdown
        holdDown={{
          requiredSeconds: 60,
          reason: 'primary health probe failed (503)',
        }}
        primary="eastus"
      />,
    );
    expect(screen.getByRole('group', { name: 'Hold-down' })).toHaveTextContent(
      'Hold-down of 1 min not started, eastus is not healthy: primary health probe failed (503).',
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
