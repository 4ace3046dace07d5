import { TextField } from '@backstage/ui';
import { ChaosTemplateType } from '@internal/plugin-nt-infra-common';
import {
  MODES,
  TEMPLATE_FIELDS,
  TemplateDraft,
} from '../../lib/chaosTemplates';
import forms from '../../lib/forms.module.css';
import { SelectField } from '../SelectField';

/** Workload, duration, mode and the template's own fields. */
export function TemplateFields(props: {
  type: ChaosTemplateType;
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
}) {
  const { type, draft, onChange } = props;
  const set = (key: string) => (value: string) =>
    onChange({ ...draft, [key]: value });
  const needsValue = draft.mode !== 'one' && draft.mode !== 'all';

  return (
    <div className={forms.grid}>
      <TextField
        label="Workload namespace"
        value={draft.namespace}
        onChange={set('namespace')}
        size="small"
      />
      <TextField
        label="Workload name"
        description="app.kubernetes.io/name of the pods"
        value={draft.name}
        onChange={set('name')}
        size="small"
      />
      <TextField
        label="Duration"
        description="Go duration, e.g. 2m"
        value={draft.duration}
        onChange={set('duration')}
        size="small"
      />
      <SelectField
        label="Mode"
        value={draft.mode}
        options={MODES}
        onChange={set('mode')}
      />
      {needsValue ? (
        <TextField
          label="Value"
          value={draft.value}
          onChange={set('value')}
          size="small"
        />
      ) : null}
      {TEMPLATE_FIELDS[type]
        .filter(f => !f.when || draft[f.when.key] === f.when.value)
        .map(f =>
          f.options ? (
            <SelectField
              key={f.key}
              label={f.label}
              value={draft[f.key]}
              options={f.options}
              onChange={set(f.key)}
            />
          ) : (
            <TextField
              key={f.key}
              label={f.label}
              description={f.hint}
              value={draft[f.key]}
              onChange={set(f.key)}
              size="small"
            />
          ),
        )}
    </div>
  );
}
