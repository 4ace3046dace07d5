import {
  EnvironmentHealth,
  FailoverTestView,
} from '@internal/plugin-nt-infra-common';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Card, CardBody, Flex, Text } from '@backstage/ui';
import { ntInfraApiRef } from '../../api';
import { useFailoverTest } from '../../hooks/useFailoverTest';
import { failoverPhases, isSlowerThanExpected } from '../../lib/failoverTest';
import { formatSeconds } from '../../lib/format';
import { regionDisplayName } from '../../lib/regionNames';
import { formatTime, isTerminal, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { ReasonForm } from '../ReasonForm';
import { FailoverCurve, FailoverHeadline } from '../FailoverCurve';
import { HoldDownCountdown } from '../HoldDownCountdown';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';

/** The failover moves in seconds, so the live view refreshes faster than the overview's 5 s. */
export const FAILOVER_POLL_MS = 1_500;

const ended = (view: FailoverTestView) => isTerminal(view.state);

/**
 * One failover test, followed live until it ends: the headline (RTO as users
 * lived it, or a planned drain) with its source, the users' traffic on one
 * time axis with the marks, the phases the portal saw against what Traffic
 * Manager's timing formula allows, the verdicts and the abort.
 */
export function FailoverTestPanel(props: {
  id: string;
  /** The configured environments, for the regions' display names. */
  environments?: EnvironmentHealth[];
}) {
  const api = useApi(ntInfraApiRef);
  const { id } = props;
  const polled = useFailoverTest(id, FAILOVER_POLL_MS);

  if (polled.loading) return <Progress />;
  const test = polled.value;
  if (!test) {
    return <ResponseErrorPanel error={polled.error ?? new Error('No test')} />;
  }
  const regionName = (region: string) =>
    regionDisplayName(props.environments, test.environment, region);
  // Named as the rest of the portal names regions; the Azure names go in the
  // caption, for matching the test to Azure's own views and the logs.
  const title = `Failover ${regionName(test.fromRegion)} → ${regionName(
    test.toRegion,
  )}`;

  return (
    <Card>
      <CardBody>
        <article aria-label={title}>
          <Flex direction="column" gap="3">
            <Flex justify="between" align="center" gap="2">
              <Flex direction="column" gap="1">
                <Text as="h3" variant="title-small">
                  <RunLink id={test.id}>{title}</RunLink>
                </Text>
                <Text variant="body-small" color="secondary">
                  {test.environment} · {test.fromRegion} → {test.toRegion} ·{' '}
                  {test.method} · hold-down {test.holdDownSeconds} s · requested
                  by {test.requestedBy} · started {formatTime(test.startedAt)}
                  {test.reason ? ` · ${test.reason}` : ''}
                </Text>
              </Flex>
              <StatusBadge tone={runStateTone[test.state]} strong label="State">
                {test.state}
              </StatusBadge>
            </Flex>
            <FailoverHeadline test={test} provisional={!ended(test)} />
            {test.holdDown ? (
              <HoldDownCountdown
                holdDown={test.holdDown}
                primary={regionName(test.fromRegion)}
              />
            ) : null}
            <FailoverCurve
              traffic={test.traffic}
              marks={test.marks}
              rto={test.measurements.rto}
              drain={test.measurements.drain}
              fromRegion={regionName(test.fromRegion)}
              toRegion={regionName(test.toRegion)}
            />
            <PhaseTable test={test} />
            {test.abort ? (
              <Text variant="body-small">
                Aborted by {test.abort.by}: {test.abort.reason}
              </Text>
            ) : null}
            {test.measurements.failback ? (
              <Text variant="body-small">
                {/* An unhealthy primary is unhealthy until its fault is removed: the
                    hold-down applies to a disabled endpoint only. */}
                {test.method === 'disable-endpoint'
                  ? `Failback: primary healthy for ${formatSeconds(
                      test.measurements.failback.primaryHealthyForSeconds,
                    )} before its endpoint was enabled again; `
                  : 'Failback: fault removed from the primary; '}
                serving from the primary again after{' '}
                {formatSeconds(test.measurements.failback.sustainedSeconds)}.
              </Text>
            ) : null}
            {!ended(test) && !test.abort ? (
              <div>
                <ReasonForm
                  action="Abort test"
                  confirm="Abort and restore primary"
                  fieldLabel="Why abort? (optional)"
                  required={false}
                  destructive
                  onSubmit={async reason => {
                    await api.abortFailoverTest(id, reason || undefined);
                  }}
                />
              </div>
            ) : null}
          </Flex>
        </article>
      </CardBody>
    </Card>
  );
}

/** A disabled endpoint leaves the pool at once; "0 ms" would read as a measurement. */
function formatExpected(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return seconds === 0 ? 'at once' : formatSeconds(seconds);
}

/**
 * The phases the portal saw, measured seconds after the cut against the
 * formula's worst case: a phase is slow only beyond the bound plus the
 * sampling resolution.
 */
function PhaseTable(props: { test: FailoverTestView }) {
  const phases = failoverPhases(props.test);
  // The first phase not yet measured is the one under way (when the test is live).
  const current = ended(props.test)
    ? -1
    : phases.findIndex(p => p.measured === undefined);
  return (
    <table className={table.table} aria-label="Phases seen by the portal">
      <thead>
        <tr>
          <th>Phase</th>
          <th>Measured (after cut)</th>
          <th>Expected within</th>
          <th>What happens</th>
        </tr>
      </thead>
      <tbody>
        {phases.map((p, i) => {
          const late = isSlowerThanExpected(
            p,
            props.test.measurements.samplingResolutionSeconds,
          );
          let status = <StatusBadge tone="neutral">not reached</StatusBadge>;
          if (p.measured !== undefined) {
            status = (
              <StatusBadge tone={late ? 'warning' : 'success'}>
                {formatSeconds(p.measured)}
                {late ? ' (slower than expected)' : ''}
              </StatusBadge>
            );
          } else if (i === current) {
            status = <StatusBadge tone="info">waiting…</StatusBadge>;
          }
          return (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td className={table.numeric}>{status}</td>
              <td className={table.numeric}>
                {formatExpected(p.expectedWithin)}
              </td>
              <td>{p.description}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
