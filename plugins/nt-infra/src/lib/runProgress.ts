import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { formatDuration } from './format';
import { isTerminal } from './runs';

/** Where a run is in its life, in words and as a fraction for a progress bar. */
export interface RunProgressView {
  /** 0..1, or undefined when the run's length is not known in advance. */
  fraction?: number;
  /** "Elapsed 1 min 20 s of 5 min · 3 min 40 s remaining" and the like. */
  text: string;
}

const TERMINAL_STEP_STATES = ['passed', 'failed', 'skipped'];

/**
 * The progress of a run at `now`: a chaos run by its fault's duration, a
 * GameDay by its steps, anything else by its elapsed time alone. A run past
 * its duration but not yet ended is removing its fault, which is said so
 * rather than showing "0 s remaining" for as long as cleanup takes.
 */
export function runProgress(
  run: Run | RunDetail,
  now: number,
): RunProgressView {
  const started = run.startedAt ? Date.parse(run.startedAt) : undefined;
  const ended = run.endedAt ? Date.parse(run.endedAt) : undefined;
  if (started === undefined) {
    return isTerminal(run.state)
      ? { text: `Never started (${run.state})` }
      : { fraction: 0, text: 'Waiting to start' };
  }
  const elapsed = (ended ?? now) - started;
  const steps = 'steps' in run ? run.steps : [];
  const durationMs =
    typeof run.params.durationMs === 'number' && run.params.durationMs > 0
      ? run.params.durationMs
      : undefined;

  if (ended !== undefined) {
    return { fraction: 1, text: `Took ${formatDuration(elapsed)}` };
  }
  if (run.kind === 'gameday' && steps.length > 0) {
    const done = steps.filter(s => TERMINAL_STEP_STATES.includes(s.state));
    const current = steps.find(s => s.state === 'running');
    return {
      fraction: done.length / steps.length,
      text: `Elapsed ${formatDuration(elapsed)} · step ${Math.min(
        done.length + 1,
        steps.length,
      )} of ${steps.length}${current ? `: ${current.name}` : ''}`,
    };
  }
  if (durationMs !== undefined) {
    const remaining = durationMs - elapsed;
    return {
      fraction: Math.min(1, Math.max(0, elapsed / durationMs)),
      text:
        remaining > 0 && run.state !== 'stopping'
          ? `Elapsed ${formatDuration(elapsed)} of ${formatDuration(
              durationMs,
            )} · ${formatDuration(remaining)} remaining`
          : `Elapsed ${formatDuration(elapsed)} · removing the fault`,
    };
  }
  return { text: `Elapsed ${formatDuration(elapsed)}` };
}
