import { Alert, Flex, Text } from '@backstage/ui';
import { LoadMoreButton } from '../LoadMoreButton';
import { RunsQuery } from '../../api';
import { useRunsPages } from '../../hooks/useRunsPages';
import { formatTime, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';

/** Runs newest first, a page at a time, kept live as runs start and move. */
export function RunsTable(props: { query: RunsQuery }) {
  const { page, loading, error, loadMore } = useRunsPages(props.query);

  const items = page?.items ?? [];
  return (
    <Flex direction="column" gap="3">
      {error ? <Alert role="alert" status="danger" title={error} /> : null}
      <table className={table.table} aria-label="Runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Kind</th>
            <th>Environment</th>
            <th>Regions</th>
            <th>State</th>
            <th>Requested by</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map(run => (
            <tr key={run.id}>
              <td>
                <RunLink id={run.id}>{run.title}</RunLink>
              </td>
              <td>{run.kind}</td>
              <td>{run.environment}</td>
              <td>{run.regions.join(', ')}</td>
              <td>
                <StatusBadge tone={runStateTone[run.state]}>
                  {run.state}
                </StatusBadge>
              </td>
              <td>{run.requestedBy}</td>
              <td className={table.numeric}>{formatTime(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && items.length === 0 && !error ? (
        <Text color="secondary">No runs match these filters.</Text>
      ) : null}
      <LoadMoreButton
        nextCursor={page?.nextCursor}
        loading={loading}
        onLoadMore={loadMore}
      />
    </Flex>
  );
}
