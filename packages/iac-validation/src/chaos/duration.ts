/** Go's time.ParseDuration grammar (what Chaos Mesh uses for duration and deadline). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

export function isGoDuration(value: unknown): value is string {
  return typeof value === 'string' && GO_DURATION.test(value);
}

/** Seconds of a Go duration string, or undefined when it is not one. */
export function goDurationSeconds(value: unknown): number | undefined {
  if (!isGoDuration(value)) {
    return undefined;
  }
  let total = 0;
  for (const m of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  }
  return total;
}
