import { useApi } from '@backstage/core-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { usePolling } from '../../hooks/usePolling';
import { errorMessage } from '../../lib/errors';
import { ACTIVE_RUN_STATES } from '../../lib/runs';
import { ActiveRunCard } from './ActiveRunCard';

/**
 * The chaos runs that may hold a fault right now. The list refreshes every
 * 5 s to pick up runs started elsewhere; each card follows its own run every
 * 2 s. `refreshKey` lets the page show a run it just started at once.
 */
export function ActiveRuns(props: { refreshKey?: number }) {
  const api = useApi(ntInfraApiRef);
  const { refreshKey } = props;
  const load = useCallback(
    () => api.getRuns({ kind: 'chaos', state: ACTIVE_RUN_STATES, limit: 50 }),
    // refreshKey restarts the poll on purpose: a run was just started.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refreshKey],
  );
  const runs = usePolling(load, LIVE_POLL_INTERVAL_MS);
  const items = runs.value?.items ?? [];

  return (
    <section aria-label="Active runs">
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-x-small">
          Active runs
        </Text>
        {runs.error ? (
          <Text color="danger">
            Active runs unavailable: {errorMessage(runs.error)}
          </Text>
        ) : null}
        {!runs.loading && items.length === 0 ? (
          <Text color="secondary">No chaos run is active.</Text>
        ) : null}
        {items.map(run => (
          <ActiveRunCard key={run.id} run={run} />
        ))}
      </Flex>
    </section>
  );
}
