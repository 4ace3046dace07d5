import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { useNow } from '../../hooks/useNow';
import { runProgress } from '../../lib/runProgress';
import { isTerminal } from '../../lib/runs';
import styles from './RunProgress.module.css';

/**
 * Elapsed and remaining time of a run with a progress bar, ticking every
 * second between polls so a long fault visibly advances.
 */
export function RunProgress(props: { run: Run | RunDetail }) {
  const { run } = props;
  const now = useNow(isTerminal(run.state) ? 60_000 : 1_000);
  const view = runProgress(run, now);
  return (
    <div className={styles.progress}>
      {/* Not a live region: a screen reader announcing every second is noise. */}
      <span className={styles.text}>{view.text}</span>
      {view.fraction !== undefined ? (
        <progress
          className={styles.bar}
          aria-label={`Progress of ${run.title}`}
          max={100}
          value={Math.round(view.fraction * 100)}
        />
      ) : null}
    </div>
  );
}
