import { TextField } from '@backstage/ui';
import {
  EnvironmentName,
  RunKind,
  RunState,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { RunsQuery } from '../../api';
import { timeZoneName } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import { ACTIVE_RUN_STATES } from '../../lib/runs';
import { SelectField } from '../SelectField';

/** The filters as the form holds them; '' means "any". */
export interface RunsFilterValues {
  kind: '' | RunKind;
  environment: '' | EnvironmentName;
  region: string;
  /** '' | 'active' | 'ended' | a single state. */
  state: string;
  /** `datetime-local` values (local time), '' when open. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: RunsFilterValues = {
  kind: '',
  environment: '',
  region: '',
  state: '',
  from: '',
  to: '',
};

const ALL_STATES: RunState[] = [
  'pending-approval',
  ...ACTIVE_RUN_STATES,
  ...TERMINAL_RUN_STATES,
];

function statesOf(state: string): RunState[] | undefined {
  if (state === 'active') return ACTIVE_RUN_STATES;
  if (state === 'ended') return [...TERMINAL_RUN_STATES];
  return state ? [state as RunState] : undefined;
}

/** A local `datetime-local` value as the ISO instant the API wants. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function toRunsQuery(f: RunsFilterValues): RunsQuery {
  return {
    kind: f.kind || undefined,
    environment: f.environment || undefined,
    region: f.region.trim() || undefined,
    state: statesOf(f.state),
    from: instant(f.from),
    to: instant(f.to),
  };
}

/**
 * What the server would refuse, said at the field: a "To" before "From"
 * would otherwise silently match no runs.
 */
export function filterErrors(f: RunsFilterValues): { to?: string } {
  const from = instant(f.from);
  const to = instant(f.to);
  if (from && to && Date.parse(to) < Date.parse(from)) {
    return { to: '"To" must not be before "From".' };
  }
  return {};
}

export function RunsFilters(props: {
  value: RunsFilterValues;
  onChange: (value: RunsFilterValues) => void;
}) {
  const { value, onChange } = props;
  const errors = filterErrors(value);
  const zone = timeZoneName();
  const set =
    <K extends keyof RunsFilterValues>(key: K) =>
    (v: RunsFilterValues[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <form
      aria-label="Filters"
      className={forms.grid}
      onSubmit={e => e.preventDefault()}
    >
      <SelectField
        label="Kind"
        value={value.kind}
        options={[
          { value: '', label: 'Any' },
          { value: 'chaos', label: 'Chaos' },
          { value: 'failover', label: 'Failover test' },
          { value: 'gameday', label: 'GameDay' },
        ]}
        onChange={set('kind')}
      />
      <SelectField
        label="Environment"
        value={value.environment}
        options={[
          { value: '', label: 'Any' },
          { value: 'production', label: 'production' },
          { value: 'staging', label: 'staging' },
        ]}
        onChange={set('environment')}
      />
      <TextField
        label="Region"
        placeholder="e.g. eastus"
        value={value.region}
        onChange={set('region')}
        size="small"
      />
      <SelectField
        label="State"
        value={value.state}
        options={[
          { value: '', label: 'Any' },
          { value: 'active', label: 'Active' },
          { value: 'ended', label: 'Ended' },
          ...ALL_STATES.map(s => ({ value: s, label: s })),
        ]}
        onChange={set('state')}
      />
      <label className={forms.field}>
        From ({zone})
        <input
          type="datetime-local"
          value={value.from}
          onChange={e => set('from')(e.target.value)}
        />
      </label>
      <div className={forms.field}>
        <label htmlFor="runs-filter-to">To ({zone})</label>
        <input
          id="runs-filter-to"
          type="datetime-local"
          value={value.to}
          aria-invalid={errors.to ? true : undefined}
          aria-describedby={errors.to ? 'runs-filter-to-error' : undefined}
          onChange={e => set('to')(e.target.value)}
        />
        {errors.to ? (
          <span id="runs-filter-to-error" className={forms.fieldError}>
            {errors.to}
          </span>
        ) : null}
      </div>
    </form>
  );
}
