import { useApi } from '@backstage/core-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  Flex,
  Text,
  TextAreaField,
  TextField,
} from '@backstage/ui';
import {
  ChangePreview,
  ChangeRequest,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { useState } from 'react';
import { ntInfraApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { newIdempotencyKey } from '../../lib/runs';
import { SelectField } from '../SelectField';
import {
  buildChangeInput,
  ChangeDraft,
  EMPTY_DRAFT,
  FormKind,
  hasEnvironment,
} from './changeInput';
import { ChecksList, DiffView } from './DiffView';
import { readExperimentYaml } from './experimentYaml';

const KINDS: ReadonlyArray<{ value: FormKind; label: string }> = [
  { value: 'scale-workload', label: 'Scale a workload' },
  { value: 'traffic-manager', label: 'Traffic Manager TTL / probe settings' },
  {
    value: 'promote-hpa-bounds',
    label: 'Promote a workload’s HPA bounds from staging to production',
  },
  {
    value: 'promote-dns-ttl',
    label: 'Promote the DNS TTL from staging to production',
  },
  { value: 'chaos-experiment', label: 'Add a chaos experiment to the library' },
];

const ENVIRONMENTS: ReadonlyArray<{ value: EnvironmentName; label: string }> = [
  { value: 'staging', label: 'staging' },
  { value: 'production', label: 'production' },
];

/** Number fields per kind: [draft key, label, hint]. */
const FIELDS: Record<FormKind, Array<[keyof ChangeDraft, string, string?]>> = {
  'scale-workload': [
    ['workload', 'Workload'],
    ['minReplicas', 'HPA min replicas'],
    ['maxReplicas', 'HPA max replicas'],
    ['replicas', 'Fixed replicas', 'kustomization replicas'],
  ],
  'traffic-manager': [
    ['dnsTtlSeconds', 'DNS TTL (s)'],
    ['intervalInSeconds', 'Probe interval (s)', 'applies to both environments'],
    ['timeoutInSeconds', 'Probe timeout (s)', 'applies to both environments'],
    [
      'toleratedNumberOfFailures',
      'Tolerated failures',
      'applies to both environments',
    ],
  ],
  'promote-hpa-bounds': [
    ['workload', 'Workload', 'its staging min/max replicas go to production'],
  ],
  'promote-dns-ttl': [],
  'chaos-experiment': [
    [
      'file',
      'Library file',
      'staging, production, schedules or gameday / <name>.yaml',
    ],
  ],
};

/**
 * A change to the infrastructure repository: preview first (the diff and the
 * checks CI would run, nothing written), then open it as a change request.
 * Editing the form drops the preview, so what is created is what was shown.
 */
export function ChangeForm(props: { onCreated: (cr: ChangeRequest) => void }) {
  const api = useApi(ntInfraApiRef);
  const [draft, setDraft] = useState<ChangeDraft>(EMPTY_DRAFT);
  const [preview, setPreview] = useState<ChangePreview>();
  const [pending, setPending] = useState<'preview' | 'create'>();
  const [error, setError] = useState<string>();
  // One key per previewed change: a retried create opens one request, not two.
  const [key, setKey] = useState(newIdempotencyKey);

  /** An edit invalidates the preview and the server's last refusal, which was about the old input. */
  const update = (patch: Partial<ChangeDraft>) => {
    setDraft(d => ({ ...d, ...patch }));
    setPreview(undefined);
    setError(undefined);
  };
  const yamlProblem =
    draft.kind === 'chaos-experiment'
      ? readExperimentYaml(draft.resourceYaml).problem
      : undefined;
  const act = async (what: 'preview' | 'create') => {
    setPending(what);
    setError(undefined);
    try {
      const input = buildChangeInput(draft);
      if (what === 'preview') {
        setPreview(await api.previewChange(input));
        setKey(newIdempotencyKey());
      } else {
        props.onCreated(await api.createChange(input, key));
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(undefined);
    }
  };

  return (
    <Card>
      <CardBody>
        <section aria-label="New change">
          <Flex direction="column" gap="3">
            <Text as="h3" variant="title-small">
              New change
            </Text>
            <div className={forms.grid}>
              <SelectField
                label="Change"
                value={draft.kind}
                options={KINDS}
                onChange={kind => update({ kind })}
              />
              {hasEnvironment(draft.kind) ? (
                <SelectField
                  label="Environment"
                  value={draft.environment}
                  options={ENVIRONMENTS}
                  onChange={environment => update({ environment })}
                />
              ) : null}
              {FIELDS[draft.kind].map(([field, label, hint]) => (
                <TextField
                  key={field}
                  label={label}
                  description={hint}
                  value={draft[field] as string}
                  onChange={value => update({ [field]: value })}
                  size="small"
                />
              ))}
            </div>
            {draft.kind === 'chaos-experiment' ? (
              <TextAreaField
                label="Chaos Mesh resource (YAML)"
                description="Checked here as you type; the preview validates it against the Chaos Mesh CRDs, the library's annotations and the blast radius"
                value={draft.resourceYaml}
                onChange={resourceYaml => update({ resourceYaml })}
                rows={16}
                // Shown under the editor and named by it as the text changes.
                validationBehavior="aria"
                validate={() => yamlProblem}
                className={forms.code}
              />
            ) : null}
            <TextField
              label="Reason"
              description="Goes into the commit message and the pull request"
              value={draft.reason}
              onChange={reason => update({ reason })}
              isRequired
              size="small"
            />
            <Flex gap="2">
              <Button
                variant="secondary"
                isDisabled={
                  !draft.reason.trim() ||
                  Boolean(yamlProblem) ||
                  pending !== undefined
                }
                isPending={pending === 'preview'}
                onPress={() => act('preview')}
              >
                Preview
              </Button>
              <Button
                isDisabled={!preview?.ok || pending !== undefined}
                isPending={pending === 'create'}
                onPress={() => act('create')}
              >
                Create change request
              </Button>
            </Flex>
            {error ? (
              <Alert role="alert" status="danger" title={error} />
            ) : null}
            {preview ? (
              <section aria-label="Preview">
                <Flex direction="column" gap="2">
                  <Text weight="bold">{preview.title}</Text>
                  <ul className={forms.list}>
                    {preview.summary.map(line => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  {preview.ok ? null : (
                    <Alert
                      status="warning"
                      title="A check failed: fix the change before creating it."
                    />
                  )}
                  <ChecksList checks={preview.checks} />
                  <DiffView diff={preview.diff} />
                </Flex>
              </section>
            ) : null}
          </Flex>
        </section>
      </CardBody>
    </Card>
  );
}
