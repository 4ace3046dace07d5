import { registerMswTestHooks } from '@backstage/test-utils';
import { ChangePreview } from '@internal/plugin-nt-infra-common';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ntInfraApiRef } from '../../api';
import {
  mswNtInfraClient,
  NT_INFRA_TEST_URL,
} from '../../__testUtils__/mswApi';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { GitOpsPage } from './GitOpsPage';

/** What the backend's preview says of an experiment over the production blast radius. */
const refusedPreview: ChangePreview = {
  kind: 'chaos-experiment',
  title: 'Add chaos experiment api-pod-failure-half',
  summary: [
    'new PodChaos api-pod-failure-half in kubernetes/chaos-experiments/production/api-pod-failure-half.yaml',
  ],
  files: ['kubernetes/chaos-experiments/production/api-pod-failure-half.yaml'],
  diff: '+apiVersion: chaos-mesh.org/v1alpha1\n',
  checks: [
    {
      name: 'validateChaosLibrary',
      status: 'failed',
      problems: [
        'production/api-pod-failure-half.yaml: fixed-percent 50 hits 5 of 10 ntai-api pods (50 %), over the production limit of 10 %',
      ],
    },
  ],
  ok: false,
};

describe('GitOps change form: a new chaos experiment as YAML', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('checks the YAML as it is typed, sends the parsed resource, and shows the checks that refused it', async () => {
    const user = userEvent.setup();
    const previews: any[] = [];
    server.use(
      http.get(`${NT_INFRA_TEST_URL}/gitops/changes`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.post(
        `${NT_INFRA_TEST_URL}/gitops/changes/preview`,
        async ({ request }) => {
          previews.push(await request.json());
          return HttpResponse.json(refusedPreview);
        },
      ),
    );
    await renderSettled(<GitOpsPage />, {
      apis: [[ntInfraApiRef, mswNtInfraClient()]],
    });
    await user.selectOptions(
      screen.getByLabelText('Change'),
      'chaos-experiment',
    );
    const editor = screen.getByLabelText(/Chaos Mesh resource/);
    // The editor starts from a valid one-pod staging experiment.
    expect((editor as HTMLTextAreaElement).value).toContain('kind: PodChaos');
    await user.type(screen.getByLabelText(/Reason/), 'half the API pods');
    const preview = screen.getByRole('button', { name: 'Preview' });
    expect(preview).toBeEnabled();

    // A tab in the indentation breaks the YAML: said with its line, no preview.
    fireEvent.change(editor, {
      target: {
        value: 'apiVersion: chaos-mesh.org/v1alpha1\nkind: [PodChaos\n',
      },
    });
    expect(editor).toHaveAccessibleDescription(/Line \d+:/);
    expect(preview).toBeDisabled();
    fireEvent.change(editor, {
      target: {
        value: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n',
      },
    });
    expect(editor).toHaveAccessibleDescription(
      /apiVersion must be chaos-mesh.org\/v1alpha1\.$/,
    );
    expect(preview).toBeDisabled();

    const yaml = [
      'apiVersion: chaos-mesh.org/v1alpha1',
      'kind: PodChaos',
      'metadata:',
      '  name: api-pod-failure-half',
      '  namespace: ntai',
      'spec:',
      '  action: pod-failure',
      '  mode: fixed-percent',
      "  value: '50'",
      '  duration: 2m',
    ].join('\n');
    fireEvent.change(editor, { target: { value: yaml } });
    expect(editor).not.toHaveAccessibleDescription(/Line|must|missing/);
    await user.clear(screen.getByLabelText(/Library file/));
    await user.type(
      screen.getByLabelText(/Library file/),
      'production/api-pod-failure-half.yaml',
    );
    await user.click(preview);

    const shown = await screen.findByRole('region', { name: 'Preview' });
    expect(previews).toEqual([
      {
        kind: 'chaos-experiment',
        reason: 'half the API pods',
        params: {
          file: 'production/api-pod-failure-half.yaml',
          resource: {
            apiVersion: 'chaos-mesh.org/v1alpha1',
            kind: 'PodChaos',
            metadata: { name: 'api-pod-failure-half', namespace: 'ntai' },
            spec: {
              action: 'pod-failure',
              mode: 'fixed-percent',
              value: '50',
              duration: '2m',
            },
          },
        },
      },
    ]);
    expect(
      within(shown).getByText(/over the production limit of 10 %/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create change request' }),
    ).toBeDisabled();
  });
});
