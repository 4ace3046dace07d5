import { CheckResult } from '@internal/plugin-nt-infra-common';
import { Text } from '@backstage/ui';
import forms from '../../lib/forms.module.css';

import { StatusBadge } from '../StatusBadge';
import styles from './DiffView.module.css';

/** How a diff line is drawn; file headers are tested before +/- so `+++` is not an addition. */
function lineKind(
  line: string,
): 'file' | 'hunk' | 'added' | 'removed' | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('diff ') || line.startsWith('index ')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return undefined;
}

/**
 * A unified diff as text, coloured per line. The +/- stay in the text, so the
 * change reads the same without colour and copies as a valid patch.
 */
export function DiffView(props: { diff: string }) {
  if (!props.diff.trim()) {
    return (
      <Text color="secondary">No change: the files already say this.</Text>
    );
  }
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    <pre className={styles.diff} aria-label="Diff">
      {lines.map((line, i) => {
        const kind = lineKind(line);
        return (
          <span
            key={i}
            className={[styles.line, kind && styles[kind]]
              .filter(Boolean)
              .join(' ')}
            // For tests and styling hooks; the +/- in the text carries the meaning.
            data-diff={kind}
          >
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}

/** The checks CI would run, with every problem spelt out. */
export function ChecksList(props: { checks: CheckResult[] }) {
  if (props.checks.length === 0) {
    return <Text color="secondary">No checks ran.</Text>;
  }
  return (
    <ul className={forms.list} aria-label="Checks">
      {props.checks.map(c => (
        <li key={c.name}>
          <StatusBadge tone={c.status === 'passed' ? 'success' : 'danger'}>
            {c.name}: {c.status}
          </StatusBadge>
          {c.problems.length > 0 ? (
            <ul className={forms.list}>
              {c.problems.map(p => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
