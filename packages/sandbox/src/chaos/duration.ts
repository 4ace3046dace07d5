/**
 * Go's time.ParseDuration, which is what Chaos Mesh uses for `duration`: a sequence of
 * decimal numbers with units ns, us (µs), ms, s, m, h, e.g. "30s", "1m30s", "1.5h".
 * Returns milliseconds, or undefined when Go would reject the string.
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
};

export function parseGoDuration(input: string): number | undefined {
  if (typeof input !== 'string' || input.length === 0) return undefined;
  let s = input;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s.length === 0) return undefined;
  const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  while (s.length > 0) {
    const m = s.match(part);
    if (!m) return undefined;
    total += parseFloat(m[1]) * UNIT_MS[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * total;
}
