import { Alert, Text } from '@backstage/ui';
import forms from '../../lib/forms.module.css';
import { ChaosRunView, formatTime } from '../../lib/runs';
import table from '../../lib/table.module.css';

const ROLLBACK_TARGET_MS = 5_000;

/**
 * How the run ended, and for an automatic rollback the evidence and the
 * delay from the breach being visible to the fault being gone: the number
 * the 5 s rollback target is about.
 */
export function RunOutcome(props: { view: ChaosRunView }) {
  const { ending, endingReason, rollback } = props.view;
  if (!ending && !rollback) {
    return null;
  }
  return (
    <section aria-label="Outcome">
      <Text as="h4" variant="title-x-small">
        Outcome
      </Text>
      <Text>
        Ending: <strong>{ending ?? 'pending'}</strong>
        {endingReason ? ` — ${endingReason}` : ''}
      </Text>
      {rollback ? (
        <>
          <Alert
            status={
              (rollback.delayMs ?? Infinity) <= ROLLBACK_TARGET_MS
                ? 'success'
                : 'warning'
            }
            title={`Rolled back ${
              rollback.delayMs !== undefined
                ? `${(rollback.delayMs / 1000).toFixed(1)} s`
                : '(delay unknown)'
            } after the breach was visible (target ≤ ${
              ROLLBACK_TARGET_MS / 1000
            } s)`}
            description={`Breach visible ${formatTime(
              rollback.breachVisibleAt,
            )}; fault removed ${formatTime(rollback.faultRemovedAt)}.`}
          />
          <table className={table.table} aria-label="Rollback evidence">
            <thead>
              <tr>
                <th>Region</th>
                <th>Condition</th>
                <th>Value</th>
                <th>Breached since</th>
              </tr>
            </thead>
            <tbody>
              {rollback.evidence.map((e, i) => (
                <tr key={i}>
                  <td>{String(e.region ?? '')}</td>
                  <td className={forms.mono}>
                    {String(e.metric ?? '')} {String(e.op ?? '')}{' '}
                    {String(e.threshold ?? '')} for {String(e.for ?? '')}
                  </td>
                  <td className={table.numeric}>
                    {e.value !== undefined
                      ? String(e.value)
                      : `missing: ${String(e.missing ?? '')}`}
                  </td>
                  <td className={table.numeric}>
                    {formatTime(
                      typeof e.breachedSince === 'string'
                        ? e.breachedSince
                        : undefined,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
