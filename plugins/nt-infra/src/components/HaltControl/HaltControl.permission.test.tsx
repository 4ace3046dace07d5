import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { ntInfraApiRef } from '../../api';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { HaltControl } from './HaltControl';

// A file of its own: usePermission caches decisions (SWR) for the whole test
// file, so a DENY next to ALLOW cases would read the other's answer.
describe('HaltControl without the halt permission', () => {
  it('hides the switch from people without the halt permission', async () => {
    const api = mockNtInfraApi({
      getHalt: jest.fn().mockResolvedValue({ engaged: false }),
    });
    await renderSettled(<HaltControl />, {
      apis: [
        [ntInfraApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
    });
    expect(api.getHalt).toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'Halt all chaos' }),
    ).not.toBeInTheDocument();
  });
});
