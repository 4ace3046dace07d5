import { Alert, Button, Text } from '@backstage/ui';
import {
  Experiment,
  ExperimentsResponse,
} from '@internal/plugin-nt-infra-common';
import forms from '../../lib/forms.module.css';
import { formatStopCondition } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { StatusBadge } from '../StatusBadge';

/**
 * The experiment library of `kubernetes/chaos-experiments/`. Files that fail
 * validation are listed above the table: a broken experiment that silently
 * disappears is one nobody fixes.
 */
export function ExperimentLibrary(props: {
  library: ExperimentsResponse;
  onRun?: (experiment: Experiment) => void;
}) {
  const { library, onRun } = props;
  return (
    <section aria-label="Experiment library">
      <Text as="h3" variant="title-x-small">
        Experiment library
      </Text>
      {library.problems.length > 0 ? (
        <Alert
          status="warning"
          icon
          title={`${library.problems.length} experiment file(s) failed validation`}
          description={
            <ul className={forms.list} aria-label="Library problems">
              {library.problems.map(p => (
                <li key={`${p.file}-${p.message}`}>
                  <code>{p.file}</code>: {p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {library.items.length === 0 ? (
        <Text>The library has no valid experiments.</Text>
      ) : (
        <table className={table.table} aria-label="Experiments">
          <thead>
            <tr>
              <th>Experiment</th>
              <th>Environment</th>
              <th>Kind</th>
              <th>Expected impact</th>
              <th>Stop conditions</th>
              {onRun ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {library.items.map(e => (
              <tr key={e.id}>
                <td>
                  <Text weight="bold">{e.title}</Text>
                  <br />
                  <Text variant="body-small" color="secondary">
                    {e.description}
                  </Text>
                </td>
                <td>
                  <StatusBadge
                    tone={e.environment === 'production' ? 'warning' : 'info'}
                  >
                    {e.environment}
                  </StatusBadge>
                </td>
                <td>{e.kind}</td>
                <td>{e.expectedImpact}</td>
                <td>
                  <ul className={forms.list}>
                    {e.stopConditions.map(c => (
                      <li key={formatStopCondition(c)} className={forms.mono}>
                        {formatStopCondition(c)}
                      </li>
                    ))}
                  </ul>
                </td>
                {onRun ? (
                  <td>
                    <Button
                      size="small"
                      variant="secondary"
                      aria-label={`Run ${e.title}`}
                      onPress={() => onRun(e)}
                    >
                      Run…
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
