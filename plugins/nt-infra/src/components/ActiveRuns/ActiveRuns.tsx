import { Flex, Text } from '@backstage/ui';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useRunsList } from '../../hooks/useRuns';
import { errorMessage } from '../../lib/errors';
import { ACTIVE_RUN_STATES } from '../../lib/runs';
import { ActiveRunCard } from './ActiveRunCard';

/**
 * The chaos runs that may hold a fault right now. The list refreshes every
 * 5 s to pick up runs started elsewhere; each card follows its own run every
 * 2 s. `refreshKey` lets the page show a run it just started at once.
 */
export function ActiveRuns(props: { refreshKey?: number }) {
  const runs = useRunsList(
    { kind: 'chaos', state: ACTIVE_RUN_STATES, limit: 50 },
    LIVE_POLL_INTERVAL_MS,
    // A run was just started here: show it at once.
    props.refreshKey,
  );
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
