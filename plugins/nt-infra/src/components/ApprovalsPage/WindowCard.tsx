import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import {
  ChaosWindow,
  FAILOVER_TEST_EXPERIMENT,
} from '@internal/plugin-nt-infra-common';
import { ReactNode } from 'react';
import { formatPercent } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import { formatStopCondition, formatTime } from '../../lib/runs';
import { windowStateTone } from '../../lib/tones';
import { StatusBadge } from '../StatusBadge';

/**
 * A window's terms, which is what an approver signs off on; actions below.
 * Experiments read by their titles, as the request form offered them; an id
 * the library no longer has is shown as it is.
 */
export function WindowCard(props: {
  window: ChaosWindow;
  /** Experiment id → title, from the library. */
  experimentTitles?: Record<string, string>;
  children?: ReactNode;
}) {
  const { window: w, children } = props;
  const titles: Record<string, string> = {
    [FAILOVER_TEST_EXPERIMENT]: 'Region failover test',
    ...props.experimentTitles,
  };
  return (
    <Card aria-label={`Window ${w.reason}`} className={forms.wrap}>
      <CardHeader>
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="1">
            <Text weight="bold">{w.reason}</Text>
            <Text variant="body-small" color="secondary">
              {formatTime(w.startsAt)} → {formatTime(w.endsAt)} · requested by{' '}
              {w.requestedBy}
            </Text>
          </Flex>
          <StatusBadge tone={windowStateTone[w.state]} label="Window">
            {w.state}
          </StatusBadge>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text variant="body-small">
            Regions {w.limits.regions.join(', ') || '—'} · at most{' '}
            {formatPercent(w.limits.maxFraction, 0)} of matching pods
          </Text>
          <ul className={forms.list} aria-label="Experiments">
            {w.limits.experiments.map(e =>
              titles[e] ? (
                <li key={e} title={e}>
                  {titles[e]}
                </li>
              ) : (
                <li key={e} className={forms.mono}>
                  {e}
                </li>
              ),
            )}
          </ul>
          <ul className={forms.list} aria-label="Stop conditions">
            {w.limits.stopConditions.map(c => (
              <li key={formatStopCondition(c)} className={forms.mono}>
                {formatStopCondition(c)}
              </li>
            ))}
          </ul>
          {w.decision ? (
            <Text variant="body-small" color="secondary">
              {w.decision.decision} by {w.decision.actor}: {w.decision.reason}
            </Text>
          ) : null}
          {children}
        </Flex>
      </CardBody>
    </Card>
  );
}
