import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import { ttlPreview } from '../../__fixtures__/gitops';
import { errorResponse } from '../../__testUtils__/errorBody';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { GitOpsPage } from './GitOpsPage';

describe('GitOps change form and a server refusal', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('drops the refusal as soon as the field it was about changes', async () => {
    const user = userEvent.setup();
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/gitops/changes`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.post(
        `${NT_INFRA_TEST_URL}/gitops/changes/preview`,
        async ({ request }) => {
          const body = (await request.json()) as {
            params: { dnsTtlSeconds: number };
          };
          return body.params.dnsTtlSeconds > 3600
            ? errorResponse(
                400,
                'InputError',
                'params.dnsTtlSeconds: at most 3600',
              )
            : HttpResponse.json(ttlPreview);
        },
      ),
    );
    await renderSettled(<GitOpsPage />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });

    await user.selectOptions(
      screen.getByLabelText('Change'),
      'traffic-manager',
    );
    await user.type(screen.getByLabelText(/DNS TTL/), '99999');
    await user.type(screen.getByLabelText(/Reason/), 'faster failover');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'params.dnsTtlSeconds: at most 3600',
    );

    await user.clear(screen.getByLabelText(/DNS TTL/));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/DNS TTL/), '30');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByRole('region', { name: 'Preview' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
