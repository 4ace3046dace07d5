import { GO_DURATION } from '@internal/plugin-nt-infra-common';

/**
 * Go's `time.ParseDuration` grammar, which Chaos Mesh uses for `duration`
 * and the portal for stop conditions' `for`: a sequence of decimal numbers
 * with units, e.g. `1m30s`, `0.5h`, `0s`. Unsigned only: a negative
 * duration makes no sense for either use.
 */
const PART = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

export function isGoDuration(value: unknown): value is string {
  // Go also accepts a bare "0"; the library's validation does not, so
  // neither does the portal (`0s` says the same thing).
  return typeof value === 'string' && GO_DURATION.test(value);
}

/** Milliseconds of a Go duration, or undefined when `value` is not one. */
export function goDurationMs(value: unknown): number | undefined {
  if (!isGoDuration(value)) {
    return undefined;
  }
  let total = 0;
  for (const m of value.matchAll(PART)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total;
}
