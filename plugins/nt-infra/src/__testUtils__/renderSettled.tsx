import {
  renderInTestApp,
  TestAppOptions,
} from '@backstage/frontend-test-utils';
import { act } from '@testing-library/react';

/**
 * `renderInTestApp`, with the first requests' resolution inside the same act():
 * the components start polling on mount, and without this React warns about
 * the state updates the mocked API's promises cause.
 */
export async function renderSettled(
  element: JSX.Element,
  options?: TestAppOptions,
): Promise<void> {
  await act(async () => {
    await renderInTestApp(element, options);
  });
}

/** Advances fake timers and lets the polls they trigger resolve. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}
