/**
 * Seeded randomness so a world started with the same seed picks the same pods, names
 * and noise. mulberry32: tiny, fast and good enough for simulation (not for secrets).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Lowercase alphanumerics as Kubernetes uses for generated names (no vowels, to avoid words). */
  chars(length: number, alphabet = 'bcdfghjklmnpqrstvwxz2456789'): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** A random subset of `count` items, order preserved. */
  sample<T>(items: readonly T[], count: number): T[] {
    const indices = items.map((_, i) => i);
    for (let i = indices.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    return indices
      .slice(0, Math.max(0, Math.min(count, items.length)))
      .sort((a, b) => a - b)
      .map(i => items[i]);
  }

  /** An independent generator derived from this one and a label. */
  fork(label: string): SeededRandom {
    return new SeededRandom(
      (hashString(label) ^ Math.floor(this.next() * 4294967296)) >>> 0,
    );
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
