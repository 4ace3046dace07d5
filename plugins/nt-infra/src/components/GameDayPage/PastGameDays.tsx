import { Button, Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import { formatTime, isTerminal, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { Tone } from '../../lib/tones';
import { StatusBadge } from '../StatusBadge';

/** The verdict a finished GameDay stored in its outcome, if any. */
function verdictOf(run: Run): string | undefined {
  const verdict = (run.outcome as { verdict?: unknown } | undefined)?.verdict;
  return typeof verdict === 'string' ? verdict : undefined;
}

const verdictTone: Record<string, Tone> = {
  passed: 'success',
  failed: 'danger',
  aborted: 'warning',
};

/**
 * GameDays that have ended, newest first, each opening its report: what the
 * team runs after the day to write up findings or compare with last month.
 */
export function PastGameDays(props: {
  runs: Run[];
  selected?: string;
  onSelect: (id: string) => void;
}) {
  const { selected, onSelect } = props;
  const runs = props.runs.filter(r => isTerminal(r.state));
  return (
    <section aria-label="Past GameDays">
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-small">
          Past GameDays
        </Text>
        {runs.length === 0 ? (
          <Text color="secondary">
            No GameDay has finished yet. Run a scenario below; its report
            appears here when it ends.
          </Text>
        ) : (
          <table className={table.table} aria-label="Past GameDays">
            <thead>
              <tr>
                <th>GameDay</th>
                <th>Environment</th>
                <th>State</th>
                <th>Verdict</th>
                <th>Requested by</th>
                <th>Ended</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map(run => {
                const verdict = verdictOf(run);
                return (
                  <tr
                    key={run.id}
                    aria-current={run.id === selected || undefined}
                  >
                    <td>{run.title}</td>
                    <td>{run.environment}</td>
                    <td>
                      <StatusBadge tone={runStateTone[run.state]}>
                        {run.state}
                      </StatusBadge>
                    </td>
                    <td>
                      {verdict ? (
                        <StatusBadge tone={verdictTone[verdict] ?? 'neutral'}>
                          {verdict}
                        </StatusBadge>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{run.requestedBy}</td>
                    <td className={table.numeric}>{formatTime(run.endedAt)}</td>
                    <td>
                      <Button
                        size="small"
                        variant="tertiary"
                        onPress={() => onSelect(run.id)}
                        aria-label={`Report of ${run.title}, ended ${formatTime(
                          run.endedAt,
                        )}`}
                      >
                        Report
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Flex>
    </section>
  );
}
