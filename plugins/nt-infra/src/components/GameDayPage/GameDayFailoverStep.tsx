import { Flex, Text } from '@backstage/ui';
import { GameDayReport } from '@internal/plugin-nt-infra-common';
import { FailoverSummaryInput, rtoFigure } from '../../lib/failoverHeadline';
import { formatSeconds } from '../../lib/format';
import { FailoverCurve, FailoverHeadline } from '../FailoverCurve';

type ReportStep = GameDayReport['steps'][number];

/** The failover test a step ran, as the report carries it beside the child. */
export function failoverOfStep(
  step: ReportStep,
): FailoverSummaryInput | undefined {
  return step.child?.failover;
}

/** ` · RTO 12 s / target 300 s`, or the drain, for the steps table. */
export function failoverStepDetail(f: FailoverSummaryInput): string {
  if (f.method === 'disable-endpoint') {
    const d = f.measurements.drain;
    return ` · planned drain, users moved by ${formatSeconds(
      d?.movedSeconds,
    )}, ${d?.failedRequests ?? '—'} failed requests`;
  }
  if (!f.measurements.rto) return ' · RTO not measured';
  return ` · ${rtoFigure(f)} / target ${formatSeconds(f.targets.rtoSeconds)}`;
}

/**
 * A failover step of the report: the headline with its source and the users'
 * curve, its lines named after the regions as the failover page names them.
 */
export function GameDayFailoverStep(props: {
  step: ReportStep;
  failover: FailoverSummaryInput;
  /** A region's display name, from its Azure name. */
  regionName: (region: string) => string;
}) {
  const { step, failover, regionName } = props;
  return (
    <section aria-label={`Failover step ${step.name}`}>
      <Flex direction="column" gap="2">
        <Text as="h5" variant="body-medium" weight="bold">
          Failover step {step.name}
        </Text>
        <FailoverHeadline test={failover} />
        <FailoverCurve
          traffic={failover.traffic}
          marks={failover.marks}
          rto={failover.measurements.rto}
          drain={failover.measurements.drain}
          fromRegion={
            failover.fromRegion ? regionName(failover.fromRegion) : undefined
          }
          toRegion={
            failover.toRegion ? regionName(failover.toRegion) : undefined
          }
        />
      </Flex>
    </section>
  );
}
