import { Button, Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import { rtoOfRun } from '../../lib/failoverTest';
import { formatSeconds } from '../../lib/format';
import { formatTime, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { Sparkline } from '../Sparkline';
import { StatusBadge } from '../StatusBadge';

/**
 * Past failover tests with their RTO, and the RTO's trend across them: a
 * failover getting slower over the months is the regression to catch before
 * the real outage does.
 */
export function FailoverHistory(props: {
  runs: Run[];
  onSelect: (id: string) => void;
}) {
  const { runs, onSelect } = props;
  // Oldest first for the chart; each test is one point at its end time.
  const points = runs
    .map(run => ({
      t: Date.parse(run.endedAt ?? run.createdAt),
      v: rtoOfRun(run).rtoSeconds ?? NaN,
    }))
    .sort((a, b) => a.t - b.t);

  return (
    <section aria-label="Past failover tests">
      <Flex direction="column" gap="3">
        <Flex justify="between" align="center">
          <Text as="h3" variant="title-small">
            Past failover tests
          </Text>
          <Flex align="center" gap="2">
            <Text variant="body-small" color="secondary">
              RTO trend
            </Text>
            <Sparkline
              points={points}
              label="RTO across tests"
              format={formatSeconds}
              zeroBased
              width={240}
              height={40}
            />
          </Flex>
        </Flex>
        {runs.length === 0 ? (
          <Text color="secondary">No failover test has run yet.</Text>
        ) : (
          <table className={table.table} aria-label="Failover tests">
            <thead>
              <tr>
                <th>Test</th>
                <th>State</th>
                <th>RTO</th>
                <th>Target</th>
                <th>Ended</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map(run => {
                const { rtoSeconds, targetSeconds } = rtoOfRun(run);
                const over =
                  rtoSeconds !== undefined &&
                  targetSeconds !== undefined &&
                  rtoSeconds > targetSeconds;
                return (
                  <tr key={run.id}>
                    <td>{run.title}</td>
                    <td>
                      <StatusBadge tone={runStateTone[run.state]}>
                        {run.state}
                      </StatusBadge>
                    </td>
                    <td className={table.numeric}>
                      {over ? (
                        <StatusBadge tone="danger">
                          {formatSeconds(rtoSeconds)}
                        </StatusBadge>
                      ) : (
                        formatSeconds(rtoSeconds)
                      )}
                    </td>
                    <td className={table.numeric}>
                      {formatSeconds(targetSeconds)}
                    </td>
                    <td className={table.numeric}>{formatTime(run.endedAt)}</td>
                    <td>
                      <Button
                        size="small"
                        variant="tertiary"
                        onPress={() => onSelect(run.id)}
                        aria-label={`Show ${run.title}`}
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
