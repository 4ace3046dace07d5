import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ChaosWindow, WindowState } from '@internal/plugin-nt-infra-common';
import { ReactNode } from 'react';
import { formatPercent } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import { formatStopCondition, formatTime } from '../../lib/runs';
import { Tone } from '../../lib/tones';
import { StatusBadge } from '../StatusBadge';

const windowTone: Record<WindowState, Tone> = {
  requested: 'info',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
  expired: 'neutral',
};

/** A window's terms, which is what an approver signs off on; actions below. */
export function WindowCard(props: {
  window: ChaosWindow;
  children?: ReactNode;
}) {
  const { window: w, children } = props;
  return (
    <Card aria-label={`Window ${w.reason}`}>
      <CardHeader>
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="1">
            <Text weight="bold">{w.reason}</Text>
            <Text variant="body-small" color="secondary">
              {formatTime(w.startsAt)} → {formatTime(w.endsAt)} · requested by{' '}
              {w.requestedBy}
            </Text>
          </Flex>
          <StatusBadge tone={windowTone[w.state]} label="Window">
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
            {w.limits.experiments.map(e => (
              <li key={e} className={forms.mono}>
                {e}
              </li>
            ))}
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
