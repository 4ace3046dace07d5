import { Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import { formatTime, runStateTone } from '../../lib/runs';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';

/** The entity's latest chaos runs, each linking to its run page. */
export function RecentChaosRuns(props: { runs: Run[] }) {
  const { runs } = props;
  if (runs.length === 0) {
    return (
      <Text color="secondary">
        No chaos runs for this entity yet — start one from Infrastructure →
        Chaos.
      </Text>
    );
  }
  return (
    <ul aria-label="Recent chaos runs" style={{ margin: 0, paddingLeft: 0 }}>
      {runs.map(run => (
        <li key={run.id} style={{ listStyle: 'none' }}>
          <Flex align="center" gap="2">
            <RunLink id={run.id}>{run.title}</RunLink>
            <StatusBadge tone={runStateTone[run.state]} label="State">
              {run.state}
            </StatusBadge>
            <Text variant="body-small" color="secondary">
              {run.environment}
              {run.regions.length ? ` · ${run.regions.join(', ')}` : ''} ·{' '}
              {formatTime(run.startedAt ?? run.createdAt)}
            </Text>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
