/** The window form's fields as it holds them (times as `datetime-local` values). */
export interface WindowDraft {
  startsAt: string;
  endsAt: string;
  reason: string;
  experiments: string[];
  regions: string[];
  /** Percent of matching pods, as typed. */
  percent: string;
}

export type WindowDraftErrors = Partial<Record<keyof WindowDraft, string>>;

const HOUR_MS = 3_600_000;
/** The server's rules (windowRules.ts), checked here too so the field says what is wrong. */
export const MAX_WINDOW_HOURS = 8;
export const MAX_LEAD_DAYS = 30;
export const MAX_PERCENT = 10;

/**
 * Field-level errors for what the server would refuse. Empty fields the
 * person has not reached yet are not errors until `submitted`; a value that
 * is there and wrong always is.
 */
export function validateWindowDraft(
  d: WindowDraft,
  now: number,
  submitted = false,
): WindowDraftErrors {
  const errors: WindowDraftErrors = {};
  const start = d.startsAt ? Date.parse(d.startsAt) : NaN;
  const end = d.endsAt ? Date.parse(d.endsAt) : NaN;
  if (!d.startsAt) {
    if (submitted) errors.startsAt = 'Choose when the window starts.';
  } else if (Number.isNaN(start)) {
    errors.startsAt = 'Not a date and time.';
  } else if (start <= now) {
    errors.startsAt = 'The window must start in the future.';
  } else if (start - now > MAX_LEAD_DAYS * 24 * HOUR_MS) {
    errors.startsAt = `At most ${MAX_LEAD_DAYS} days ahead.`;
  }
  if (!d.endsAt) {
    if (submitted) errors.endsAt = 'Choose when the window ends.';
  } else if (Number.isNaN(end)) {
    errors.endsAt = 'Not a date and time.';
  } else if (!Number.isNaN(start) && end <= start) {
    errors.endsAt = 'The window must end after it starts.';
  } else if (!Number.isNaN(start) && end - start > MAX_WINDOW_HOURS * HOUR_MS) {
    errors.endsAt = `A window lasts at most ${MAX_WINDOW_HOURS} hours.`;
  }
  if (submitted && !d.reason.trim()) {
    errors.reason = 'Say why the window is needed.';
  }
  if (d.experiments.length === 0 && (submitted || d.startsAt)) {
    errors.experiments = 'Choose at least one experiment.';
  }
  if (d.regions.length === 0) {
    errors.regions = 'Choose at least one region.';
  }
  const percent = Number(d.percent);
  if (!(percent > 0 && percent <= MAX_PERCENT)) {
    errors.percent = `Above 0 and at most ${MAX_PERCENT} %.`;
  }
  return errors;
}
