import { FailoverHoldDown } from '@internal/plugin-nt-infra-common';
import { useNow } from '../../hooks/useNow';
import { formatDuration } from '../../lib/format';
import styles from '../RunProgress/RunProgress.module.css';

/**
 * The failover test's hold-down, counting down every second between polls:
 * how long the drained primary has to stay healthy before its endpoint is
 * enabled again, or what the countdown waits for while it is not healthy.
 * The end time is the server's (the same rule the restore step applies), so
 * a flap restarts the countdown at the next poll.
 */
export function HoldDownCountdown(props: {
  holdDown: FailoverHoldDown;
  /** The region given back when the hold-down passes. */
  primary: string;
}) {
  const { holdDown, primary } = props;
  const now = useNow(1_000);
  const requiredMs = holdDown.requiredSeconds * 1000;
  if (!holdDown.endsAt) {
    return (
      <div className={styles.progress} role="group" aria-label="Hold-down">
        <span className={styles.text}>
          Hold-down of {formatDuration(requiredMs)} not started, {primary} is
          not healthy: {holdDown.reason ?? 'no samples yet'}.
        </span>
      </div>
    );
  }
  const remaining = Date.parse(holdDown.endsAt) - now;
  const held = Math.min(requiredMs, requiredMs - remaining);
  const fraction = requiredMs > 0 ? Math.max(0, held / requiredMs) : 1;
  return (
    <div className={styles.progress} role="group" aria-label="Hold-down">
      {/* Not a live region: a screen reader announcing every second is noise. */}
      <span className={styles.text}>
        {remaining > 0
          ? `Hold-down: ${primary} healthy for ${formatDuration(
              held,
            )} of ${formatDuration(
              requiredMs,
            )} · traffic goes back in ${formatDuration(remaining)}`
          : `Hold-down passed: giving ${primary} its traffic back`}
      </span>
      <progress
        className={styles.bar}
        aria-label="Hold-down progress"
        max={100}
        value={Math.round(fraction * 100)}
      />
    </div>
  );
}
