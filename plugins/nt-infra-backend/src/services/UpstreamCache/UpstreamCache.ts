import { Observed } from '@internal/plugin-nt-infra-common';

interface Entry {
  /** When the last load finished (success or failure), for the refresh interval. */
  settledAt: number;
  value?: unknown;
  /** When `value` was read upstream. */
  valueAt?: number;
  error?: string;
  inFlight?: Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Upstream reads (ARM, Kubernetes, Prometheus, DNS) cached and coalesced per
 * refresh interval: however many viewers ask, each key costs at most one
 * upstream call per interval, and concurrent askers share the call in flight.
 * Failures are cached for the interval too, so a down upstream is not
 * hammered. Values come back as `Observed`: `ok` while fresh, the last good
 * value as `stale` (with the error) when a refresh failed, `unavailable`
 * when there never was one. A refresh interval of 0 turns caching and
 * coalescing off (every read goes upstream), the baseline benchmarks compare to.
 */
export class UpstreamCache {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(options: { refreshMs: number; now?: () => number }) {
    this.refreshMs = options.refreshMs;
    this.now = options.now ?? Date.now;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<Observed<T>> {
    if (this.refreshMs <= 0) {
      return this.readUncached(load);
    }
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { settledAt: -Infinity };
      this.entries.set(key, entry);
    }
    if (this.now() - entry.settledAt >= this.refreshMs) {
      entry.inFlight ??= this.refresh(entry, load);
    }
    if (entry.inFlight) {
      await entry.inFlight;
    }
    return this.observe<T>(entry);
  }

  /** Forget a key, e.g. after the portal itself changed the upstream state. */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.settledAt = -Infinity;
    }
  }

  private async refresh(entry: Entry, load: () => Promise<unknown>) {
    try {
      const value = await load();
      entry.value = value;
      entry.valueAt = this.now();
      entry.error = undefined;
    } catch (error) {
      entry.error = message(error);
    } finally {
      entry.settledAt = this.now();
      entry.inFlight = undefined;
    }
  }

  private observe<T>(entry: Entry): Observed<T> {
    const observedAt =
      entry.valueAt !== undefined
        ? new Date(entry.valueAt).toISOString()
        : undefined;
    if (entry.error === undefined && entry.valueAt !== undefined) {
      return { status: 'ok', value: entry.value as T, observedAt };
    }
    if (entry.valueAt !== undefined) {
      return {
        status: 'stale',
        value: entry.value as T,
        observedAt,
        error: entry.error,
      };
    }
    return { status: 'unavailable', error: entry.error };
  }

  private async readUncached<T>(load: () => Promise<T>): Promise<Observed<T>> {
    try {
      const value = await load();
      return {
        status: 'ok',
        value,
        observedAt: new Date(this.now()).toISOString(),
      };
    } catch (error) {
      return { status: 'unavailable', error: message(error) };
    }
  }
}
