/**
 * Argo CD sync windows evaluated over one week, minute by minute, so a policy check can say
 * exactly when an application may sync: Argo CD lets an application sync when no deny window
 * is active and, if any allow window matches it, one of those is active.
 */

export interface SyncWindow {
  kind: 'allow' | 'deny';
  schedule: string;
  duration: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  timeZone?: string;
  manualSync?: boolean;
}

export const WEEK_MINUTES = 7 * 24 * 60;
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** One cron field as the set of values it allows; throws naming the field when invalid. */
function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`${field.name} '${text}' is not a cron field`);
    const wildcard = m[1] === '*';
    const from = wildcard ? field.min : Number(m[2]);
    let to = wildcard ? field.max : from;
    if (m[3] !== undefined) to = Number(m[3]);
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1) {
      throw new Error(`${field.name} '${text}' is out of range`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export interface WeeklyCron {
  minutes: Set<number>;
  hours: Set<number>;
  /** 0 = Sunday. */
  days: Set<number>;
}

/**
 * Parses a five-field cron schedule that repeats weekly (day of month and month `*`); other
 * schedules cannot be judged on a one-week grid and are rejected with the reason.
 */
export function parseWeeklyCron(schedule: string): WeeklyCron {
  const parts = schedule.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`schedule '${schedule}' needs five cron fields`);
  }
  const [minutes, hours, dom, month, dow] = parts.map((p, i) =>
    parseField(p, FIELDS[i]),
  );
  if (parts[2] !== '*' || parts[3] !== '*') {
    throw new Error(
      `schedule '${schedule}' must repeat weekly (day of month and month '*')`,
    );
  }
  void dom;
  void month;
  const days = new Set([...dow].map(d => d % 7));
  return { minutes, hours, days };
}

/** Parses a Go duration of hours and minutes (`8h`, `90m`, `1h30m`) into minutes. */
export function parseDurationMinutes(duration: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    throw new Error(`duration '${duration}' is not like 8h or 30m`);
  }
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/**
 * The minutes of a week (0 = Sunday 00:00 in the window's time zone) during which the window
 * is active, including runs that started late the week before and carry over.
 */
export function activeMinutes(window: SyncWindow): boolean[] {
  const cron = parseWeeklyCron(window.schedule);
  const length = parseDurationMinutes(window.duration);
  const active = new Array<boolean>(WEEK_MINUTES).fill(false);
  for (let start = 0; start < WEEK_MINUTES; start++) {
    const day = Math.floor(start / 1440);
    const hour = Math.floor((start % 1440) / 60);
    if (
      cron.days.has(day) &&
      cron.hours.has(hour) &&
      cron.minutes.has(start % 60)
    ) {
      for (let t = start; t < start + length; t++) {
        active[t % WEEK_MINUTES] = true;
      }
    }
  }
  return active;
}

/** Glob match as Argo CD does for window applications and clusters (`*` any run of characters). */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

/** The windows that apply to an application, by name, destination namespace or cluster. */
export function windowsFor(
  windows: SyncWindow[],
  app: { name: string; namespace?: string; cluster?: string },
): SyncWindow[] {
  const any = (patterns: string[] | undefined, value: string | undefined) =>
    value !== undefined && (patterns ?? []).some(p => globMatch(p, value));
  return windows.filter(
    w =>
      any(w.applications, app.name) ||
      any(w.namespaces, app.namespace) ||
      any(w.clusters, app.cluster),
  );
}

/** Minutes of the week in which an application with these windows may sync. */
export function syncableMinutes(windows: SyncWindow[]): boolean[] {
  const allows = windows.filter(w => w.kind === 'allow').map(activeMinutes);
  const denies = windows.filter(w => w.kind === 'deny').map(activeMinutes);
  return Array.from(
    { length: WEEK_MINUTES },
    (_, t) =>
      !denies.some(d => d[t]) &&
      (allows.length === 0 || allows.some(a => a[t])),
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Tue 09:00" for a minute of the week. */
export function weekMinuteLabel(t: number): string {
  const hh = String(Math.floor((t % 1440) / 60)).padStart(2, '0');
  const mm = String(t % 60).padStart(2, '0');
  return `${DAYS[Math.floor(t / 1440)]} ${hh}:${mm}`;
}
