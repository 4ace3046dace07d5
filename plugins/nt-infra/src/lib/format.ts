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

/**
 * The one date-time format of the plugin: 24-hour, day and month spelled out
 * so no reader mistakes 02/12 for 12 February, and the time zone named, since
 * timelines are compared with logs and dashboards in other zones. `timeZone`
 * is for tests; the browser's zone otherwise.
 */
export function formatDateTime(
  value: string | number | Date | undefined,
  timeZone?: string,
): string {
  if (value === undefined) {
    return '—';
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    return String(value);
  }
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  }).format(d);
}

/** A time of day, 24-hour, for chart axes ("14:05", or "14:05:30" with seconds). */
export function formatClock(
  value: number | Date,
  options?: { seconds?: boolean; timeZone?: string },
): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: options?.seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
    timeZone: options?.timeZone,
  }).format(new Date(value));
}

/** The browser's time zone as a short name ("UTC", "CET"), for headings of charts and inputs. */
export function timeZoneName(
  at: number = Date.now(),
  timeZone?: string,
): string {
  const part = new Intl.DateTimeFormat('en-GB', {
    timeZoneName: 'short',
    timeZone,
  })
    .formatToParts(new Date(at))
    .find(p => p.type === 'timeZoneName');
  return part?.value ?? 'local time';
}

/** A duration in whole units a person reads at a glance: "45 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) {
    return `${total} s`;
  }
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    const s = total % 60;
    return s ? `${minutes} min ${s} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}
