import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Card, CardBody, Flex, Text } from '@backstage/ui';
import { ntInfraApiRef } from '../../api';
import { useRegionDisplayName } from '../../hooks/useRegionDisplayName';
import { useRun } from '../../hooks/useRuns';
import { useSloObjectives } from '../../hooks/useSloObjectives';
import { runTitle } from '../../lib/failoverRuns';
import forms from '../../lib/forms.module.css';
import {
  chaosRunView,
  formatStopCondition,
  formatTime,
  runStateTone,
} from '../../lib/runs';
import { ACTIVE_RUN_POLL_MS } from '../ActiveRuns';
import { BlastRadiusTable } from '../BlastRadiusTable';
import { ReasonForm } from '../ReasonForm';
import { RunGrafanaLink } from '../GrafanaLink';
import { RunProgress } from '../RunProgress';
import { RunTimeline } from '../RunTimeline';
import { SliImpactChart } from '../SliImpactChart';
import { StatusBadge } from '../StatusBadge';
import { RunOutcome } from './RunOutcome';

/**
 * One run: what it targeted, what watched it, what happened and what users
 * saw. Followed live (every 2 s) until it ends, so the page can be left open
 * during the run.
 */
export function RunPage(props: { id: string }) {
  const api = useApi(ntInfraApiRef);
  const { id } = props;
  const polled = useRun(id, ACTIVE_RUN_POLL_MS);
  const objectives = useSloObjectives(polled.value?.environment);
  const regionName = useRegionDisplayName();

  if (polled.loading) {
    return <Progress />;
  }
  const run = polled.value;
  if (!run) {
    return <ResponseErrorPanel error={polled.error ?? new Error('No run')} />;
  }
  const view = chaosRunView(run);
  const stoppable = run.state === 'running' || run.state === 'approved';
  const title = runTitle(run, regionName);

  return (
    <article aria-label={`Run ${title}`} className={forms.wrap}>
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="1">
            <Text as="h2" variant="title-small">
              {title}
            </Text>
            <Text variant="body-small" color="secondary">
              {run.kind} · {run.environment} · {run.regions.join(', ')} ·
              requested by {run.requestedBy} · started{' '}
              {formatTime(run.startedAt)}
              {run.endedAt ? ` · ended ${formatTime(run.endedAt)}` : ''}
            </Text>
          </Flex>
          <StatusBadge tone={runStateTone[run.state]} strong label="State">
            {run.state}
          </StatusBadge>
        </Flex>
        <RunProgress run={run} />
        <div>
          <RunGrafanaLink run={run} />
        </div>
        {stoppable ? (
          <div>
            <ReasonForm
              action="Stop"
              confirm="Stop run"
              fieldLabel="Why stop it?"
              destructive
              onSubmit={async reason => {
                await api.stopRun(id, reason);
              }}
            />
          </div>
        ) : null}
        <RunOutcome view={view} />
        {run.startedAt ? (
          <Card>
            <CardBody>
              <Text as="h4" variant="title-x-small">
                SLIs around the fault
              </Text>
              <Flex direction="column" gap="3">
                {run.regions.map(region => (
                  <SliImpactChart
                    key={region}
                    environment={run.environment}
                    region={region}
                    startedAt={run.startedAt!}
                    endedAt={run.endedAt}
                    stopConditions={view.stopConditions}
                    objective={objectives[region]}
                  />
                ))}
              </Flex>
            </CardBody>
          </Card>
        ) : null}
        {view.plans.length > 0 ? (
          <section aria-label="Targets">
            <Text as="h4" variant="title-x-small">
              Targets per region
            </Text>
            <BlastRadiusTable rows={view.plans} />
          </section>
        ) : null}
        {view.stopConditions.length > 0 ? (
          <section aria-label="Stop conditions">
            <Text as="h4" variant="title-x-small">
              Stop conditions
            </Text>
            <ul className={forms.list}>
              {view.stopConditions.map(c => (
                <li key={formatStopCondition(c)} className={forms.mono}>
                  {formatStopCondition(c)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-label="Transitions">
          <Text as="h4" variant="title-x-small">
            Timeline
          </Text>
          <RunTimeline transitions={run.transitions} />
        </section>
      </Flex>
    </article>
  );
}
