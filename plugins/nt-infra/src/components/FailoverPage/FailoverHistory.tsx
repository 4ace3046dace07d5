import { Button, Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import {
  failoverRunSummary,
  FailoverRunSummary,
  failoverTrends,
  runTitle,
} from '../../lib/failoverRuns';
import { formatSeconds } from '../../lib/format';
import { formatTime, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import styles from './FailoverHistory.module.css';
import { Sparkline } from '../Sparkline';
import { StatusBadge } from '../StatusBadge';

const methodText = (s: FailoverRunSummary) =>
  s.method === 'disable-endpoint'
    ? 'planned drain (endpoint disabled)'
    : s.method ?? 'unknown';

/** The RTO, or for a planned drain when the users had moved (no RTO verdict). */
function Figure(props: { summary: FailoverRunSummary }) {
  const s = props.summary;
  if (s.method === 'disable-endpoint') {
    return (
      <>
        moved by {formatSeconds(s.movedSeconds)}
        {s.failedRequests !== undefined ? `, ${s.failedRequests} failed` : ''}
      </>
    );
  }
  const over =
    s.rtoSeconds !== undefined &&
    s.targetSeconds !== undefined &&
    s.rtoSeconds > s.targetSeconds;
  const text = `RTO ${formatSeconds(s.rtoSeconds)}${
    s.rtoSource === 'resolver' ? " (portal's resolver)" : ''
  }`;
  return over ? <StatusBadge tone="danger">{text}</StatusBadge> : <>{text}</>;
}

/**
 * Past failover tests with their RTO, and its trend per environment and
 * method: a failover getting slower over the months is the regression to catch
 * before the real outage does, and a staging drain says nothing about a
 * production outage, so they are never drawn on one line.
 */
export function FailoverHistory(props: {
  runs: Run[];
  onSelect: (id: string) => void;
  /** Names regions as the rest of the portal does; Azure names without it. */
  regionName?: (environment: string, region: string) => string;
}) {
  const { runs, onSelect, regionName = (_e, region) => region } = props;
  const trends = failoverTrends(runs);

  return (
    <section aria-label="Past failover tests">
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-small">
          Past failover tests
        </Text>
        {trends.length > 0 ? (
          <ul className={styles.trends} aria-label="Trends">
            {trends.map(t => (
              <li key={t.key}>
                <Flex align="center" gap="2">
                  <Text variant="body-small" color="secondary">
                    {t.label}
                  </Text>
                  <Sparkline
                    points={t.points}
                    label={t.label}
                    format={formatSeconds}
                    zeroBased
                    width={200}
                    height={32}
                  />
                </Flex>
              </li>
            ))}
          </ul>
        ) : null}
        {runs.length === 0 ? (
          <Text color="secondary">No failover test has run yet.</Text>
        ) : (
          <table className={table.table} aria-label="Failover tests">
            <thead>
              <tr>
                <th>Test</th>
                <th>Environment</th>
                <th>Method</th>
                <th>State</th>
                <th>RTO or drain</th>
                <th>RTO target</th>
                <th>Ended</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map(run => {
                const summary = failoverRunSummary(run);
                const title = runTitle(run, regionName);
                return (
                  <tr key={run.id}>
                    <td>{title}</td>
                    <td>{summary.environment}</td>
                    <td>{methodText(summary)}</td>
                    <td>
                      <StatusBadge tone={runStateTone[run.state]}>
                        {run.state}
                      </StatusBadge>
                    </td>
                    <td className={table.numeric}>
                      <Figure summary={summary} />
                    </td>
                    <td className={table.numeric}>
                      {summary.method === 'disable-endpoint'
                        ? 'none (no outage)'
                        : formatSeconds(summary.targetSeconds)}
                    </td>
                    <td className={table.numeric}>{formatTime(run.endedAt)}</td>
                    <td>
                      <Button
                        size="small"
                        variant="tertiary"
                        onPress={() => onSelect(run.id)}
                        aria-label={`Show ${title}`}
                      >
                        Show
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
