import { Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import { rtoOfRun } from '../../lib/failoverTest';
import { formatSeconds } from '../../lib/format';
import { formatTime, isTerminal, runStateTone } from '../../lib/runs';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';

/**
 * Whether the measured RTO met its target. A test still running, or one that
 * ended before users recovered (aborted, failed), has no RTO to judge.
 */
function rtoVerdict(
  run: Run,
): { text: string; tone: 'success' | 'danger' } | undefined {
  const { rtoSeconds, targetSeconds } = rtoOfRun(run);
  if (rtoSeconds === undefined || targetSeconds === undefined) {
    return undefined;
  }
  return rtoSeconds <= targetSeconds
    ? { text: 'passed', tone: 'success' }
    : { text: 'failed', tone: 'danger' };
}

function LatestFailover(props: { run: Run }) {
  const { run } = props;
  const { rtoSeconds, targetSeconds } = rtoOfRun(run);
  const verdict = rtoVerdict(run);
  return (
    <Flex
      direction="column"
      gap="1"
      aria-label={`Last failover test in ${run.environment}`}
    >
      <Flex align="center" gap="2">
        <Text variant="body-medium">
          {run.environment}: RTO {formatSeconds(rtoSeconds)} (target{' '}
          {formatSeconds(targetSeconds)})
        </Text>
        {verdict ? (
          <StatusBadge tone={verdict.tone} label="RTO verdict" strong>
            {verdict.text}
          </StatusBadge>
        ) : (
          <StatusBadge tone={runStateTone[run.state]} label="State">
            {isTerminal(run.state) ? `${run.state}, no RTO` : run.state}
          </StatusBadge>
        )}
      </Flex>
      <Text variant="body-small" color="secondary">
        <RunLink id={run.id}>{run.title}</RunLink> ·{' '}
        {formatTime(run.endedAt ?? run.startedAt ?? run.createdAt)}
      </Text>
    </Flex>
  );
}

/** The last failover test's RTO against its target, per environment. */
export function LastFailoverRto(props: { runs: Run[] }) {
  const { runs } = props;
  if (runs.length === 0) {
    return (
      <Text color="secondary">
        No failover test has run in this entity's environments yet — start one
        from Infrastructure → Failover tests.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      {runs.map(run => (
        <LatestFailover key={run.id} run={run} />
      ))}
    </Flex>
  );
}
