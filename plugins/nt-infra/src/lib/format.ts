/**
 * Number and time formatting shared by the panels, so the same quantity reads
 * the same everywhere (an engineer comparing two regions mid-incident should not
 * have to reconcile "0.0012" with "0.12 %").
 */

/** "just now", "5 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 1) {
    return 'just now';
  }
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.floor(hours / 24)} d ago`;
}

/** A ratio as a percentage with enough digits to tell 99.9 % from 99.95 %. */
export function formatPercent(ratio: number | undefined, digits = 2): string {
  if (ratio === undefined || !Number.isFinite(ratio)) {
    return '—';
  }
  return `${(ratio * 100).toFixed(digits)} %`;
}

/** Seconds as "245 ms" below one second, "1.2 s" above. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
}

/** Requests per second, without false precision on busy regions. */
export function formatRate(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) {
    return '—';
  }
  return `${perSecond.toFixed(perSecond < 10 ? 2 : 0)} req/s`;
}
