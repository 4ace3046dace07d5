import { Flex, Text } from '@backstage/ui';
import { GameDayReport } from '@internal/plugin-nt-infra-common';
import { FailoverSummaryInput, rtoFigure } from '../../lib/failoverHeadline';
import { formatSeconds } from '../../lib/format';
import { FailoverCurve, FailoverHeadline } from '../FailoverCurve';

type ReportStep = GameDayReport['steps'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The failover test a step ran, as the backend's report carries it beside the
 * child (`child.failover`). The shared report contract leaves it out, so it is
 * checked here rather than trusted.
 */
export function failoverOfStep(
  step: ReportStep,
): FailoverSummaryInput | undefined {
  const failover = isRecord(step.child)
    ? (step.child as Record<string, unknown>).failover
    : undefined;
  if (
    !isRecord(failover) ||
    (failover.method !== 'unhealthy' &&
      failover.method !== 'disable-endpoint') ||
    !isRecord(failover.measurements) ||
    !isRecord(failover.targets)
  ) {
    return undefined;
  }
  return failover as unknown as FailoverSummaryInput;
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

/** A failover step of the report: the headline with its source and the users' curve. */
export function GameDayFailoverStep(props: {
  step: ReportStep;
  failover: FailoverSummaryInput;
}) {
  const { step, failover } = props;
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
          fromRegion={failover.fromRegion}
          toRegion={failover.toRegion}
        />
      </Flex>
    </section>
  );
}
