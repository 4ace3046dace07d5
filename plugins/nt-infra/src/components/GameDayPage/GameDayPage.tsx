import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Container, Flex, Text } from '@backstage/ui';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useRunsList } from '../../hooks/useRuns';
import { errorMessage } from '../../lib/errors';
import { isTerminal } from '../../lib/runs';
import { GameDayLive } from './GameDayLive';
import { PastGameDays } from './PastGameDays';
import { ScenarioList } from './ScenarioList';

/**
 * The GameDay tab: the GameDay under way (or just started, or whose report
 * was picked) on top, followed live; the past GameDays with their verdicts,
 * polled so a GameDay that ends (here or elsewhere) joins them without a
 * reload; and the scenario library below to start one.
 */
export function GameDayPage() {
  const api = useApi(ntInfraApiRef);
  const [selected, setSelected] = useState<string>();
  const library = useAsync(() => api.getGameDayScenarios(), [api]);
  const runs = useRunsList(
    { kind: 'gameday', limit: 20 },
    LIVE_POLL_INTERVAL_MS,
  );
  const active = runs.value?.items.find(r => !isTerminal(r.state))?.id;
  // Keep following a GameDay once shown, so its report stays up when it ends.
  useEffect(() => {
    if (active && !selected) {
      setSelected(active);
    }
  }, [active, selected]);

  if (library.loading || runs.loading) return <Progress />;
  if (library.error || !library.value) {
    return <ResponseErrorPanel error={library.error ?? new Error('No data')} />;
  }
  if (!runs.value) {
    return <ResponseErrorPanel error={runs.error ?? new Error('No data')} />;
  }
  const items = runs.value.items;
  // Without a choice, the newest GameDay that has not ended.
  const shown = selected ?? active;

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        {shown ? <GameDayLive key={shown} id={shown} /> : null}
        {runs.error ? (
          <Text color="danger">
            GameDays could not be refreshed: {errorMessage(runs.error)}
          </Text>
        ) : null}
        <PastGameDays runs={items} selected={shown} onSelect={setSelected} />
        <ScenarioList library={library.value} onStarted={setSelected} />
      </Flex>
    </Container>
  );
}
