import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ntInfraApiRef } from '../../api';
import { openChange } from '../../__fixtures__/gitops';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { ChangeRequestPage } from './ChangeRequestPage';

async function refusal(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}

describe('ChangeRequestPage', () => {
  it("shows the diff and checks, and the server's reason when approval is refused", async () => {
    const user = userEvent.setup();
    const api = mockNtInfraApi({
      getChange: jest.fn().mockResolvedValue(openChange),
      approveChange: jest
        .fn()
        .mockRejectedValue(await refusal('approver must not be the requester')),
    });
    await renderSettled(<ChangeRequestPage id={openChange.id} />, {
      apis: [[ntInfraApiRef, api]],
    });
    expect(screen.getByLabelText('Diff')).toHaveTextContent(
      '+dns_ttl_seconds = 30',
    );
    expect(screen.getByText('validateTerraform: passed')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await user.type(screen.getByLabelText(/Approval comment/), 'lgtm');
    await user.click(screen.getByRole('button', { name: 'Approve change' }));
    expect(api.approveChange).toHaveBeenCalledWith(openChange.id, 'lgtm');
    expect(
      await screen.findByText('approver must not be the requester (403)'),
    ).toBeInTheDocument();
  });

  it('tells the author why they cannot approve or merge their own change', async () => {
    const api = mockNtInfraApi({
      getChange: jest.fn().mockResolvedValue(openChange),
    });
    await renderSettled(<ChangeRequestPage id={openChange.id} />, {
      apis: [
        [ntInfraApiRef, api],
        mockApis.identity({ userEntityRef: openChange.requestedBy }),
        mockApis.permission(),
      ],
    });
    expect(
      screen.getByText(
        'You requested this change, so you cannot approve or merge it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });
});
