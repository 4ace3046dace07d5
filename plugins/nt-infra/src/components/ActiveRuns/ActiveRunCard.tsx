import { useApi } from '@backstage/core-plugin-api';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { useRun } from '../../hooks/useRuns';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { chaosRunView, runStateTone } from '../../lib/runs';
import { BlastRadiusTable } from '../BlastRadiusTable';
import { ReasonForm } from '../ReasonForm';
import { RunLink } from '../RunLink';
import { RunProgress } from '../RunProgress';
import { RunTimeline } from '../RunTimeline';
import { StatusBadge } from '../StatusBadge';

/**
 * A fault is live: every 2 s is what it takes to see a stop condition's
 * automatic rollback (target: within 5 s) happen on screen.
 */
export const ACTIVE_RUN_POLL_MS = 2_000;

/** One active run: live state, targets, timeline and a Stop button. */
export function ActiveRunCard(props: { run: Run }) {
  const api = useApi(ntInfraApiRef);
  const { id } = props.run;
  const polled = useRun(id, ACTIVE_RUN_POLL_MS);
  const run: Run | RunDetail = polled.value ?? props.run;
  const detail = polled.value;
  const view = chaosRunView(run);
  const stoppable = run.state === 'running' || run.state === 'approved';

  return (
    <Card aria-label={`Run ${run.title}`} className={forms.wrap}>
      <CardHeader>
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="1">
            <Text weight="bold">
              <RunLink id={run.id}>{run.title}</RunLink>
            </Text>
            <Text variant="body-small" color="secondary">
              {run.environment} · {run.regions.join(', ')} · requested by{' '}
              {run.requestedBy}
            </Text>
          </Flex>
          <StatusBadge tone={runStateTone[run.state]} strong label="State">
            {run.state}
          </StatusBadge>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <RunProgress run={run} />
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
          {polled.error ? (
            <Text variant="body-small" color="danger">
              Live updates failed: {errorMessage(polled.error)}
            </Text>
          ) : null}
          {view.plans.length > 0 ? (
            <BlastRadiusTable rows={view.plans} />
          ) : null}
          {detail ? <RunTimeline transitions={detail.transitions} /> : null}
        </Flex>
      </CardBody>
    </Card>
  );
}
