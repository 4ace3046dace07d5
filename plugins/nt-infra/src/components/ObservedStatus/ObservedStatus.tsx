import { Text } from '@backstage/ui';
import { Observed } from '@internal/plugin-nt-infra-common';
import { useNow } from '../../hooks/useNow';
import { formatAge } from '../../lib/format';
import { StatusBadge } from '../StatusBadge';

function age(observedAt: string | undefined, now: number): string | undefined {
  if (!observedAt) {
    return undefined;
  }
  const at = Date.parse(observedAt);
  return Number.isNaN(at) ? undefined : formatAge(now - at);
}

/**
 * How fresh a value from upstream is. Fresh values get a quiet "5 s ago";
 * stale and unavailable ones get a badge and the upstream error, because a
 * stale "Online" during an incident is worse than no answer.
 */
export function ObservedStatus(props: {
  observed: Observed<unknown>;
  /** What was observed, for screen readers: "Traffic Manager endpoint". */
  source: string;
}) {
  const { observed, source } = props;
  const now = useNow();
  const ago = age(observed.observedAt, now);

  if (observed.status === 'ok') {
    return (
      <Text variant="body-x-small" color="secondary">
        {ago ? `read ${ago}` : 'read'}
      </Text>
    );
  }
  if (observed.status === 'stale') {
    const error = observed.error ? ` — ${observed.error}` : '';
    return (
      <StatusBadge tone="warning" label={source}>
        stale: last read {ago ?? 'at an unknown time'}
        {error}
      </StatusBadge>
    );
  }
  return (
    <StatusBadge tone="danger" label={source}>
      unavailable: {observed.error ?? 'no reading yet'}
    </StatusBadge>
  );
}
