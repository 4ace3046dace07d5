export type Labels = Record<string, string>;

export type Series = {
  name: string;
  labels: Labels;
  kind: 'counter' | 'gauge';
  /** Current value; NaN = absent (not exported right now). */
  current: number;
  samples: Float64Array;
  /**
   * A counter's steady increase per second before the oldest stored sample
   * (see `SeriesStore.assumeSteadyBefore`); undefined: nothing before it.
   */
  steadyRate?: number;
};

/**
 * A small time-series database: every series is sampled together at each scrape into
 * fixed-size ring buffers (one column per series), enough for the longest SLO window.
 */
export class SeriesStore {
  private readonly times: Float64Array;
  private head = 0;
  private size = 0;
  private readonly series = new Map<string, Series>();

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
  }

  /** The series for `name` + `labels`, created on first use (absent in earlier samples). */
  get(name: string, labels: Labels, kind: Series['kind']): Series {
    const key = seriesKey(name, labels);
    let s = this.series.get(key);
    if (!s) {
      s = {
        name,
        labels,
        kind,
        current: kind === 'counter' ? 0 : NaN,
        samples: new Float64Array(this.capacity).fill(NaN),
      };
      this.series.set(key, s);
    }
    return s;
  }

  all(): Series[] {
    return [...this.series.values()];
  }

  /** Records every series' current value at time `t` (world epoch ms). */
  sample(t: number) {
    const slot = (this.head + this.size) % this.capacity;
    if (this.size < this.capacity) this.size++;
    else this.head = (this.head + 1) % this.capacity;
    this.times[slot] = t;
    for (const s of this.series.values()) s.samples[slot] = s.current;
  }

  get length(): number {
    return this.size;
  }

  time(i: number): number {
    return this.times[(this.head + i) % this.capacity];
  }

  value(s: Series, i: number): number {
    return s.samples[(this.head + i) % this.capacity];
  }

  /** Logical index of the last sample at or before `t`, or -1. */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.size - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.time(mid) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * Declares the stored samples so far a steady state the world was already in
   * long before them: every counter then increased before the oldest sample at
   * its mean rate over the stored span. Windows longer than the store (the
   * error budget's 30 days) use that rate for the part the store does not hold,
   * instead of the store holding a month of samples per series.
   */
  assumeSteadyBefore() {
    const last = this.size - 1;
    if (last < 1) return;
    const seconds = (this.time(last) - this.time(0)) / 1000;
    for (const s of this.series.values()) {
      if (s.kind !== 'counter') continue;
      const v1 = this.value(s, last);
      if (Number.isNaN(v1)) continue;
      const v0 = this.value(s, 0);
      s.steadyRate = (v1 - (Number.isNaN(v0) ? 0 : v0)) / seconds;
    }
  }

  clear() {
    this.head = 0;
    this.size = 0;
    this.series.clear();
  }
}

export function seriesKey(name: string, labels: Labels): string {
  return `${name}{${Object.keys(labels)
    .sort()
    .map(k => `${k}="${labels[k]}"`)
    .join(',')}}`;
}
