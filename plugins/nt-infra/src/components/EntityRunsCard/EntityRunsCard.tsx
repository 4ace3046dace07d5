import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import { ReactNode } from 'react';
import { useRegions } from '../../hooks/useRegions';
import { Polled } from '../../hooks/usePolling';
import { readEntityInfraRefs } from '../EntityRegionsCard/entityAnnotations';
import { entityEnvironments } from './entityEnvironments';
import { readEntityWorkload } from './entityWorkload';
import { LastFailoverRto } from './LastFailoverRto';
import { RecentChaosRuns } from './RecentChaosRuns';
import {
  useLatestFailovers,
  useRecentChaosRuns,
} from '../../hooks/useEntityRuns';

/** A section's first load, its error, or its content once loaded. */
function Loaded<T>(props: {
  polled: Polled<T>;
  children: (value: T) => ReactNode;
}) {
  const { polled, children } = props;
  if (polled.loading) {
    return <Progress />;
  }
  if (polled.value === undefined) {
    return <ResponseErrorPanel error={polled.error ?? new Error('No data')} />;
  }
  return <>{children(polled.value)}</>;
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <section aria-label={props.title}>
      <Flex direction="column" gap="2">
        <Text as="h4" variant="title-x-small">
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </section>
  );
}

/** The latest failover per environment, once the regions say which environments. */
function FailoverSection(props: { environments: EnvironmentName[] }) {
  const failovers = useLatestFailovers(props.environments);
  return (
    <Loaded polled={failovers}>
      {runs => <LastFailoverRto runs={runs} />}
    </Loaded>
  );
}

/**
 * Entity page card: the chaos runs aimed at this entity (started for it, or
 * whose pod selector hits its Kubernetes workload) and how fast the last
 * failover test of its environments recovered, so an owner sees how well the
 * service has been exercised without leaving its page.
 */
export function EntityRunsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const chaos = useRecentChaosRuns(entityRef, readEntityWorkload(entity));
  const regions = useRegions();

  return (
    <Card aria-label="Chaos and failover">
      <CardHeader>
        <Text as="h3" variant="title-small">
          Chaos and failover
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          <Section title="Recent chaos runs">
            <Loaded polled={chaos}>
              {runs => <RecentChaosRuns runs={runs} />}
            </Loaded>
          </Section>
          <Section title="Last failover test">
            <Loaded polled={regions}>
              {value => (
                <FailoverSection
                  environments={entityEnvironments(
                    value.environments,
                    readEntityInfraRefs(entity),
                  )}
                />
              )}
            </Loaded>
          </Section>
        </Flex>
      </CardBody>
    </Card>
  );
}
