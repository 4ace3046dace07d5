import { useApi } from '@backstage/core-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { Run } from '@internal/plugin-nt-infra-common';
import { useEffect, useState } from 'react';
import { ntInfraApiRef, RunsQuery } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatTime, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';

export const RUNS_PAGE_SIZE = 25;

interface Page {
  items: Run[];
  nextCursor?: string;
}

/**
 * Runs newest first, a page at a time. The backend pages by keyset, so
 * "Load more" passes its cursor and appends: runs started meanwhile never
 * shift or repeat rows the way offset paging would.
 */
export function RunsTable(props: { query: RunsQuery }) {
  const api = useApi(ntInfraApiRef);
  const { query } = props;
  const [page, setPage] = useState<Page>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let active = true;
    setLoading(true);
    setError(undefined);
    api
      .getRuns({ ...query, limit: RUNS_PAGE_SIZE })
      .then(first => active && setPage(first))
      .catch(e => {
        if (!active) return;
        // The rows on screen belong to the previous filters: not under this error.
        setPage(undefined);
        setError(errorMessage(e));
      })
      .finally(() => active && setLoading(false));
    return () => {
      active = false;
    };
  }, [api, query]);

  const loadMore = async () => {
    if (!page?.nextCursor) return;
    setLoading(true);
    try {
      const next = await api.getRuns({
        ...query,
        limit: RUNS_PAGE_SIZE,
        cursor: page.nextCursor,
      });
      setPage({
        items: [...page.items, ...next.items],
        nextCursor: next.nextCursor,
      });
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

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
      {page?.nextCursor ? (
        <div>
          <Button variant="secondary" onPress={loadMore} isPending={loading}>
            Load more
          </Button>
        </div>
      ) : null}
    </Flex>
  );
}
