export type Labels = Record<string, string>;

export type Series = {
  name: string;
  labels: Labels;
  kind: 'counter' | 'gauge';
  /** Current value; NaN = absent (not exported right now). */
  current: number;
  samples: Float64Array;
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
