import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Container, Flex } from '@backstage/ui';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { isTerminal } from '../../lib/runs';
import { FailoverHistory } from './FailoverHistory';
import { FailoverStartForm } from './FailoverStartForm';
import { FailoverTestPanel } from './FailoverTestPanel';

/**
 * The Failover tests tab: the test under way (or the one picked from the
 * history) live at the top, starting one below it, then the past tests and
 * their RTO trend.
 */
export function FailoverPage() {
  const api = useApi(ntInfraApiRef);
  const [selected, setSelected] = useState<string>();
  // Bumped when a test starts, so the history picks it up.
  const [started, setStarted] = useState(0);
  const data = useAsync(async () => {
    const [regions, runs] = await Promise.all([
      api.getRegions(),
      api.getRuns({ kind: 'failover', limit: 25 }),
    ]);
    return { environments: regions.environments, runs: runs.items };
  }, [api, started]);

  if (data.loading && !data.value) return <Progress />;
  if (data.error || !data.value) {
    return <ResponseErrorPanel error={data.error ?? new Error('No data')} />;
  }
  const { environments, runs } = data.value;
  // Without a choice, show the newest test that is still running.
  const shown = selected ?? runs.find(r => !isTerminal(r.state))?.id;

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        {shown ? <FailoverTestPanel key={shown} id={shown} /> : null}
        <FailoverStartForm
          environments={environments}
          onStarted={id => {
            setSelected(id);
            setStarted(n => n + 1);
          }}
        />
        <FailoverHistory runs={runs} onSelect={setSelected} />
      </Flex>
    </Container>
  );
}
