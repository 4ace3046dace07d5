import { Button, TextField } from '@backstage/ui';
import { StopCondition } from '@internal/plugin-nt-infra-common';
import forms from '../../lib/forms.module.css';
import { SelectField } from '../SelectField';

const OPS = ['>', '>=', '<', '<='] as const;

/**
 * Rows of `metric op threshold for duration`. The threshold is kept as typed
 * (a string) while editing so "0." does not snap back to "0"; it is parsed by
 * `toStopConditions` on submit.
 */
export interface StopConditionDraft {
  metric: string;
  op: StopCondition['op'];
  threshold: string;
  for: string;
}

export function toDrafts(conditions: StopCondition[]): StopConditionDraft[] {
  return conditions.map(c => ({ ...c, threshold: String(c.threshold) }));
}

export function toStopConditions(
  drafts: StopConditionDraft[],
): StopCondition[] {
  return drafts.map(d => ({
    metric: d.metric.trim(),
    op: d.op,
    threshold: Number(d.threshold),
    for: d.for.trim(),
  }));
}

export function StopConditionsEditor(props: {
  value: StopConditionDraft[];
  onChange: (value: StopConditionDraft[]) => void;
}) {
  const { value, onChange } = props;
  const update = (index: number, patch: Partial<StopConditionDraft>) =>
    onChange(value.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  return (
    <fieldset className={forms.fieldset}>
      <legend>Stop conditions (roll back automatically when one holds)</legend>
      {value.map((d, i) => (
        <div
          className={forms.inline}
          key={i}
          aria-label={`Stop condition ${i + 1}`}
          role="group"
        >
          <TextField
            label="Metric"
            value={d.metric}
            onChange={metric => update(i, { metric })}
            size="small"
          />
          <SelectField
            label="Operator"
            value={d.op}
            options={OPS.map(op => ({ value: op, label: op }))}
            onChange={op => update(i, { op })}
          />
          <TextField
            label="Threshold"
            value={d.threshold}
            onChange={threshold => update(i, { threshold })}
            size="small"
          />
          <TextField
            label="For"
            value={d.for}
            onChange={f => update(i, { for: f })}
            size="small"
          />
          <Button
            variant="tertiary"
            size="small"
            isDisabled={value.length <= 1}
            onPress={() => onChange(value.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="small"
        onPress={() =>
          onChange([
            ...value,
            { metric: '', op: '>', threshold: '', for: '1m' },
          ])
        }
      >
        Add stop condition
      </Button>
    </fieldset>
  );
}
