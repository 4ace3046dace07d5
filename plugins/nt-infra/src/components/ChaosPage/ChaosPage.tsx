import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Container, Flex } from '@backstage/ui';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { ActiveRuns } from '../ActiveRuns';
import { ChaosRunForm } from '../ChaosRunForm';
import { ExperimentLibrary } from '../ExperimentLibrary';
import { HaltControl } from '../HaltControl';
import { useRunHref } from '../RunLink';

/**
 * The Chaos tab, in the order of an incident: the halt switch and what is
 * running now first, then starting something new, then the library. A run
 * started here opens its own page. `?experiment=<id>` (an experiment's link,
 * e.g. from search) opens with that experiment of the library in the form.
 */
export function ChaosPage() {
  const api = useApi(ntInfraApiRef);
  const data = useAsync(async () => {
    const [library, regions] = await Promise.all([
      api.getExperiments(),
      api.getRegions(),
    ]);
    return { library, environments: regions.environments };
  }, [api]);
  const [source, setSource] = useState<string>();
  const [started, setStarted] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const runHref = useRunHref();
  const [params] = useSearchParams();

  if (data.loading) {
    return <Progress />;
  }
  if (data.error || !data.value) {
    return <ResponseErrorPanel error={data.error ?? new Error('No data')} />;
  }
  const { library, environments } = data.value;
  const linked = params.get('experiment');
  const chosen =
    source ??
    (library.items.some(e => e.id === linked)
      ? `library:${linked}`
      : undefined);

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        <HaltControl />
        <ActiveRuns refreshKey={started} />
        <div ref={formRef}>
          <ChaosRunForm
            // A new choice from the library starts a fresh form.
            key={chosen ?? 'template'}
            library={library}
            environments={environments}
            initialSource={chosen}
            onStarted={run => {
              setStarted(n => n + 1);
              // The run page follows it live; without History mounted, stay here.
              const href = runHref(run.id);
              if (href) navigate(href);
            }}
          />
        </div>
        <ExperimentLibrary
          library={library}
          onRun={experiment => {
            setSource(`library:${experiment.id}`);
            formRef.current?.scrollIntoView?.({ behavior: 'smooth' });
          }}
        />
      </Flex>
    </Container>
  );
}
