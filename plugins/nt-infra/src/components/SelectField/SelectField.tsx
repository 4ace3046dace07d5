import { useId } from 'react';
import styles from '../../lib/forms.module.css';

/**
 * A labelled native select. Used instead of the Backstage UI Select for the
 * many small enum pickers of these forms: a native select is keyboard- and
 * screen-reader-complete on every platform and changes with one event, which
 * keeps both the forms and their tests simple.
 */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}) {
  const { label, value, options, onChange } = props;
  // Associated by id rather than by nesting, so the select's accessible name
  // is the label alone and not the label plus the chosen option's text.
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={e => onChange(e.target.value as T)}
      >
        {options.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
