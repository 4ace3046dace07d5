import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import {
  ResilienceReason,
  ResilienceScore,
} from '@internal/plugin-nt-infra-common';
import { useResilienceScore } from '../../hooks/useResilienceScore';
import { formatTime } from '../../lib/runs';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';
import { ResilienceTrendChart } from './ResilienceTrendChart';
import { scoreTone } from './scoreTone';

/** Weeks of trend the card draws: two months show a direction. */
export const RESILIENCE_TREND_WEEKS = 8;

const points = (n: number) => (Number.isInteger(n) ? `${n}` : n.toFixed(1));

function Reason(props: { reason: ResilienceReason }) {
  const { reason } = props;
  return (
    <li aria-label={reason.label} style={{ listStyle: 'none' }}>
      <Flex direction="column" gap="1">
        <Flex align="center" gap="2">
          <Text variant="body-medium" weight="bold">
            {reason.label}
          </Text>
          <Text variant="body-medium">
            {points(reason.points)} / {reason.maxPoints}
          </Text>
        </Flex>
        <Text variant="body-small">{reason.explanation}</Text>
        {reason.evidence.length > 0 ? (
          <Text variant="body-small" color="secondary">
            {reason.evidence.map((e, i) => (
              <span key={e.runId}>
                {i > 0 ? '; ' : ''}
                <RunLink id={e.runId}>{e.title}</RunLink> ({e.state}
                {e.note && e.note !== e.state ? `, ${e.note}` : ''},{' '}
                {formatTime(e.at)})
              </span>
            ))}
          </Text>
        ) : null}
        <Text variant="body-small" color="secondary">
          Weight: {reason.weightReason}
        </Text>
      </Flex>
    </li>
  );
}

function ScoreBody(props: { score: ResilienceScore }) {
  const { score } = props;
  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="2">
        <StatusBadge
          tone={scoreTone(score.score)}
          label="Resilience score"
          strong
        >
          {score.score} / 100
        </StatusBadge>
        <Text variant="body-small" color="secondary">
          from the runs of the last {score.windowDays} days
        </Text>
      </Flex>
      <ResilienceTrendChart points={score.trend} />
      <ul
        aria-label="Why this score"
        style={{
          margin: 0,
          paddingLeft: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 'var(--bui-space-3)',
        }}
      >
        {score.reasons.map(r => (
          <Reason key={r.id} reason={r} />
        ))}
      </ul>
    </Flex>
  );
}

/**
 * Entity page card: how well the service has been proven resilient, as a
 * score with each contribution's evidence and the weekly trend, computed on
 * the server from the run history.
 */
export function ResilienceScoreCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const polled = useResilienceScore(entityRef, RESILIENCE_TREND_WEEKS);

  let body;
  if (polled.loading) {
    body = <Progress />;
  } else if (!polled.value) {
    body = <ResponseErrorPanel error={polled.error ?? new Error('No data')} />;
  } else {
    const score = polled.value.items[0];
    body = score ? (
      <ScoreBody score={score} />
    ) : (
      <Text color="secondary">The catalog does not show this entity.</Text>
    );
  }
  return (
    <Card aria-label="Resilience score">
      <CardHeader>
        <Text as="h3" variant="title-small">
          Resilience score
        </Text>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
