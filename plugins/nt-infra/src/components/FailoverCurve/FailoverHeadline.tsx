import { Flex, Text } from '@backstage/ui';
import {
  failoverHeadline,
  FailoverSummaryInput,
  rtoFigure,
} from '../../lib/failoverHeadline';
import { verdictTone } from '../../lib/failoverTest';
import { formatSeconds } from '../../lib/format';
import { StatusBadge } from '../StatusBadge';

/**
 * The figure a failover test is judged by, with its source, and the verdicts.
 * The header and the RTO badge print the same figure from the same value. A
 * planned drain shows when the users had moved and the failed requests, and
 * no RTO verdict: nobody was meant to be down.
 */
export function FailoverHeadline(props: {
  test: FailoverSummaryInput;
  /** The test is still under way: its verdict is the one so far. */
  provisional?: boolean;
}) {
  const { test, provisional } = props;
  const v = test.verdicts;
  const drain = test.method === 'disable-endpoint';
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-large" weight="bold">
        {failoverHeadline(test)}
      </Text>
      {v ? (
        <Flex gap="3" align="center">
          <StatusBadge tone={verdictTone[v.overall]} strong label="Verdict">
            {provisional ? `${v.overall} so far` : v.overall}
          </StatusBadge>
          {drain ? (
            <>
              <StatusBadge
                tone={verdictTone[v.drain ?? 'pending']}
                label="Drain verdict"
              >
                Drain: {v.drain ?? 'pending'}
              </StatusBadge>
              <StatusBadge tone="neutral" label="RTO verdict">
                No RTO verdict: planned drain
              </StatusBadge>
            </>
          ) : (
            <StatusBadge tone={verdictTone[v.rto]} label="RTO verdict">
              {rtoFigure(test)} / target {test.targets.rtoSeconds} s: {v.rto}
            </StatusBadge>
          )}
          <StatusBadge tone={verdictTone[v.rpo]} label="RPO verdict">
            RPO {formatSeconds(test.measurements.rpoSeconds)} / target{' '}
            {test.targets.rpoSeconds} s: {v.rpo}
          </StatusBadge>
        </Flex>
      ) : (
        <Text variant="body-small" color="secondary">
          No verdict until the primary has been cut.
        </Text>
      )}
    </Flex>
  );
}
