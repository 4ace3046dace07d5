import { mockApis } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FAILOVER_TEST_EXPERIMENT } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import {
  approvedWindow,
  experiments,
  requestedWindow,
} from '../../__fixtures__/chaos';
import { productionRegions } from '../../__fixtures__/regions';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { ApprovalsPage } from './ApprovalsPage';

const othersWindow = {
  ...requestedWindow,
  id: '55555555-5555-4555-8555-555555555555',
  requestedBy: 'user:default/bob',
  reason: 'Latency drill',
};

function mockApi() {
  return mockNtInfraApi({
    getExperiments: jest.fn().mockResolvedValue(experiments),
    getRegions: jest.fn().mockResolvedValue(productionRegions),
    getWindows: jest.fn(async query =>
      query?.state?.includes('requested')
        ? { items: [requestedWindow, othersWindow] }
        : { items: [approvedWindow] },
    ),
    approveWindow: jest.fn().mockResolvedValue(approvedWindow),
    requestWindow: jest.fn().mockResolvedValue(requestedWindow),
  });
}

async function renderPage(api = mockApi()) {
  await renderSettled(<ApprovalsPage />, {
    apis: [
      [ntInfraApiRef, api],
      mockApis.identity({ userEntityRef: 'user:default/alice' }),
      mockApis.permission(),
    ],
  });
  return api;
}

/** A `datetime-local` value `days` from now, at `hour` local time. */
function localInput(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    hour,
  )}:00`;
}

describe('ApprovalsPage', () => {
  it("says you cannot approve your own window and lets you approve someone else's with a comment", async () => {
    const api = await renderPage();
    const own = await screen.findByLabelText('Window Weekly pod-failure drill');
    expect(own).toHaveTextContent(
      'You requested this window, so you cannot approve it.',
    );
    expect(
      within(own).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();

    const others = screen.getByLabelText('Window Latency drill');
    await userEvent.click(
      within(others).getByRole('button', { name: 'Approve' }),
    );
    await userEvent.type(
      within(others).getByLabelText(/Approval comment/),
      'go ahead',
    );
    await userEvent.click(
      within(others).getByRole('button', { name: 'Approve window' }),
    );
    expect(api.approveWindow).toHaveBeenCalledWith(othersWindow.id, 'go ahead');
    // Lists reload after the decision.
    await waitFor(() => expect(api.getWindows).toHaveBeenCalledTimes(4));
  });

  it('lists approved windows ahead and offers only production experiments to request', async () => {
    const api = await renderPage();
    const approved = await screen.findByRole('region', {
      name: 'Approved windows',
    });
    expect(
      within(approved).getByText('approved by user:default/alice: ok'),
    ).toBeInTheDocument();

    const form = screen.getByRole('form', {
      name: 'Request a production window',
    });
    expect(
      within(form).getByRole('checkbox', { name: 'API pod failure (10%)' }),
    ).toBeInTheDocument();
    expect(
      within(form).queryByRole('checkbox', { name: 'API network latency' }),
    ).not.toBeInTheDocument();
    expect(api.getWindows).toHaveBeenCalledWith(
      expect.objectContaining({
        state: ['approved'],
        environment: 'production',
      }),
    );
  });

  it('can ask for a window that covers region failover tests', async () => {
    const api = await renderPage();
    const form = await screen.findByRole('form', {
      name: 'Request a production window',
    });
    fireEvent.change(within(form).getByLabelText(/^Starts/), {
      target: { value: localInput(2, 9) },
    });
    fireEvent.change(within(form).getByLabelText(/^Ends/), {
      target: { value: localInput(2, 11) },
    });
    await userEvent.type(within(form).getByLabelText(/Reason/), 'GameDay');
    await userEvent.click(
      within(form).getByRole('checkbox', { name: /Region failover test/ }),
    );
    await userEvent.click(
      within(form).getByRole('button', { name: 'Request window' }),
    );
    await waitFor(() => expect(api.requestWindow).toHaveBeenCalled());
    expect(api.requestWindow.mock.calls[0][0].limits.experiments).toEqual([
      FAILOVER_TEST_EXPERIMENT,
    ]);
  });

  it('refuses a fraction above 10 % before asking the server', async () => {
    await renderPage();
    const form = await screen.findByRole('form', {
      name: 'Request a production window',
    });
    const fraction = within(form).getByLabelText(/Max fraction of pods/);
    await userEvent.clear(fraction);
    await userEvent.type(fraction, '25');
    expect(
      within(form).getByText('The fraction must be above 0 and at most 10 %.'),
    ).toBeInTheDocument();
    expect(
      within(form).getByRole('button', { name: 'Request window' }),
    ).toBeDisabled();
  });

  it('names the wrong field before asking the server, and drops a server refusal once the input changes', async () => {
    const api = await renderPage();
    api.requestWindow.mockRejectedValueOnce(
      new Error('Invalid field startsAt: overlaps window w-1'),
    );
    const form = await screen.findByRole('form', {
      name: 'Request a production window',
    });
    const starts = within(form).getByLabelText(/^Starts/);
    const ends = within(form).getByLabelText(/^Ends/);
    fireEvent.change(starts, { target: { value: localInput(2, 11) } });
    fireEvent.change(ends, { target: { value: localInput(2, 9) } });
    expect(ends).toHaveAccessibleDescription(
      'The window must end after it starts.',
    );
    fireEvent.change(ends, { target: { value: localInput(2, 20) } });
    expect(ends).toHaveAccessibleDescription('A window lasts at most 8 hours.');
    expect(
      within(form).getByText('Choose at least one experiment.'),
    ).toBeInTheDocument();
    expect(
      within(form).getByRole('button', { name: 'Request window' }),
    ).toBeDisabled();

    fireEvent.change(ends, { target: { value: localInput(2, 12) } });
    await userEvent.type(within(form).getByLabelText(/Reason/), 'drill');
    await userEvent.click(
      within(form).getByRole('checkbox', { name: /Region failover test/ }),
    );
    await userEvent.click(
      within(form).getByRole('button', { name: 'Request window' }),
    );
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'overlaps window w-1',
    );
    fireEvent.change(starts, { target: { value: localInput(3, 11) } });
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });
});
