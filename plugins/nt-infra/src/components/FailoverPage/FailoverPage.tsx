import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Container, Flex } from '@backstage/ui';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef, RunsQuery } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useRunsList } from '../../hooks/useRuns';
import { isTerminal } from '../../lib/runs';
import { regionDisplayName } from '../../lib/regionNames';
import { FailoverHistory } from './FailoverHistory';
import { FailoverStartForm } from './FailoverStartForm';
import { FailoverTestPanel } from './FailoverTestPanel';

const FAILOVER_HISTORY: RunsQuery = { kind: 'failover', limit: 25 };

/**
 * The Failover tests tab: the test under way (or the one picked from the
 * history) live at the top, starting one below it, then the past tests and
 * their RTO trend. The history follows every run transition live.
 */
export function FailoverPage() {
  const api = useApi(ntInfraApiRef);
  const [selected, setSelected] = useState<string>();
  // Bumped when a test starts, so the history picks it up.
  const [started, setStarted] = useState(0);
  const regions = useAsync(() => api.getRegions(), [api]);
  const history = useRunsList(FAILOVER_HISTORY, LIVE_POLL_INTERVAL_MS, started);

  if (regions.loading && !regions.value) return <Progress />;
  if (regions.error || !regions.value) {
    return <ResponseErrorPanel error={regions.error ?? new Error('No data')} />;
  }
  const { environments } = regions.value;
  const runs = history.value?.items ?? [];
  // Without a choice, show the newest test that is still running.
  const shown = selected ?? runs.find(r => !isTerminal(r.state))?.id;

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        {shown ? (
          <FailoverTestPanel
            key={shown}
            id={shown}
            environments={environments}
          />
        ) : null}
        <FailoverStartForm
          environments={environments}
          onStarted={id => {
            setSelected(id);
            setStarted(n => n + 1);
          }}
        />
        {/* Reloads after a start without unmounting the form above. */}
        {history.value ? (
          <FailoverHistory
            runs={runs}
            onSelect={setSelected}
            regionName={(environment, region) =>
              regionDisplayName(environments, environment, region)
            }
          />
        ) : null}
        {history.loading ? <Progress /> : null}
        {!history.value && history.error ? (
          <ResponseErrorPanel error={history.error} />
        ) : null}
      </Flex>
    </Container>
  );
}
