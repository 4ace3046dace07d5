import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Container, Flex } from '@backstage/ui';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { isTerminal } from '../../lib/runs';
import { GameDayLive } from './GameDayLive';
import { PastGameDays } from './PastGameDays';
import { ScenarioList } from './ScenarioList';

/**
 * The GameDay tab: the GameDay under way (or just started, or whose report
 * was picked) on top, followed live; the past GameDays with their verdicts;
 * and the scenario library below to start one.
 */
export function GameDayPage() {
  const api = useApi(ntInfraApiRef);
  const [selected, setSelected] = useState<string>();
  const data = useAsync(async () => {
    const [library, runs] = await Promise.all([
      api.getGameDayScenarios(),
      api.getRuns({ kind: 'gameday', limit: 20 }),
    ]);
    return { library, runs: runs.items };
  }, [api]);

  if (data.loading) return <Progress />;
  if (data.error || !data.value) {
    return <ResponseErrorPanel error={data.error ?? new Error('No data')} />;
  }
  const { library, runs } = data.value;
  // Without a choice, the newest GameDay that has not ended.
  const shown = selected ?? runs.find(r => !isTerminal(r.state))?.id;

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        {shown ? <GameDayLive key={shown} id={shown} /> : null}
        <PastGameDays runs={runs} selected={shown} onSelect={setSelected} />
        <ScenarioList library={library} onStarted={setSelected} />
      </Flex>
    </Container>
  );
}
