import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { openChange } from '../../__fixtures__/gitops';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { ChangeRequestPage } from './ChangeRequestPage';

// A file of its own: usePermission caches decisions for the whole test file.
describe('ChangeRequestPage without permissions', () => {
  it('hides Approve, Merge and Close, and says who may approve', async () => {
    const api = mockNtInfraApi({
      getChange: jest.fn().mockResolvedValue(openChange),
    });
    await renderSettled(<ChangeRequestPage id={openChange.id} />, {
      apis: [
        [ntInfraApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
    });
    expect(
      screen.getByRole('article', {
        name: `Change request ${openChange.title}`,
      }),
    ).toBeInTheDocument();
    for (const name of ['Approve', 'Merge', 'Close']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    // Said, not only hidden: who may act, by the permission the server checks.
    expect(
      screen.getByText(
        'Only approvers (permission nt-infra.gitops.approve) can approve or merge a change request.',
      ),
    ).toBeInTheDocument();
  });
});
