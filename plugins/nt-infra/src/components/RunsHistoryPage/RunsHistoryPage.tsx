import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { Button, Container, Flex } from '@backstage/ui';
import { useMemo, useState } from 'react';
import { RunPage } from '../RunPage';
import {
  EMPTY_FILTERS,
  filterErrors,
  RunsFilters,
  RunsFilterValues,
  toRunsQuery,
} from './RunsFilters';
import { RunsTable } from './RunsTable';

/**
 * The History tab: the runs table, or with `?run=<id>` that run's page. The
 * query parameter is what makes a run linkable from chat or an incident
 * ticket while staying inside the Infrastructure tabs.
 */
export function RunsHistoryPage() {
  const [params, setParams] = useAppSearchParams();
  const runId = params.get('run');
  const [filters, setFilters] = useState<RunsFilterValues>(EMPTY_FILTERS);
  // A new object only when a filter changes, so the table reloads only then.
  const query = useMemo(() => toRunsQuery(filters), [filters]);
  const invalid = Object.keys(filterErrors(filters)).length > 0;

  if (runId) {
    return (
      <Container my="4">
        <Flex direction="column" gap="3">
          <div>
            <Button variant="tertiary" onPress={() => setParams({})}>
              ← All runs
            </Button>
          </div>
          <RunPage id={runId} />
        </Flex>
      </Container>
    );
  }
  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <RunsFilters value={filters} onChange={setFilters} />
        {/* Filters the server would refuse: no request, and no stale rows under them. */}
        {invalid ? null : <RunsTable query={query} />}
      </Flex>
    </Container>
  );
}
