import { InputError } from '@backstage/errors';
import { StopCondition } from '@internal/plugin-nt-infra-common';
import {
  InstantSample,
  MetricsProvider,
} from '../../providers/metrics/MetricsProvider';
import { promqlString } from '../../providers/metrics/sliQueries';
import { parseStopCondition } from './stopConditionGrammar';

export interface Clock {
  now(): Date;
}

/** Why a condition could not be judged from data. */
export interface MissingMetric {
  metric: string;
  region: string;
  query: string;
  /** "no sample", "NaN", or "query failed: …". */
  reason: string;
}

export interface StopConditionEvidence {
  metric: string;
  region: string;
  op: StopCondition['op'];
  threshold: number;
  for: string;
  query: string;
  /** The value that breached; undefined when the breach is a missing metric (fail-safe). */
  value?: number;
  /** Set when the breach is a missing metric counted as one (fail-safe). */
  missing?: string;
  /** ISO time of the first sample (or missing read) of the uninterrupted breach. */
  breachedSince: string;
  /** From that first sample to evaluate() first returning this breach. */
  detectionLatencyMs: number;
}

export interface StopConditionVerdict {
  breached: boolean;
  evaluatedAt: string;
  evidence: StopConditionEvidence[];
  /** Conditions that could not be judged this time (with failSafe they also appear in evidence once they count). */
  missing: MissingMetric[];
}

export interface StopConditionWatcherOptions {
  conditions: StopCondition[];
  /** The run's regions; each condition is checked per region (`metric{region="…"}`). */
  regions: string[];
  metrics: MetricsProvider;
  /**
   * Production: a metric that cannot be read counts as a breach, because a
   * run we cannot observe must not continue. Staging: it is only reported.
   */
  failSafe: boolean;
  /** Defaults to the system clock; tests and a fast world inject theirs. */
  clock?: Clock;
}

/** Longest a fail-safe watcher tolerates missing metrics: one scrape interval. */
export const MISSING_METRICS_GRACE_MS = 15_000;

interface Check {
  condition: StopCondition;
  forMs: number;
  region: string;
  query: string;
  /** Start of the current uninterrupted breach (ms), if any. */
  since?: number;
  /** Latched once the breach has lasted `for`: a stop condition fires once. */
  fired?: StopConditionEvidence;
}

type Reading = { value: number; at: number } | { missing: string };

/**
 * Evaluates a run's stop conditions: `metric op threshold` held
 * continuously for at least `for` (`0s`: the first breaching sample
 * suffices) in any of the run's regions. Keeps per-condition, per-region
 * state between calls, so one watcher serves one run; call evaluate()
 * every few seconds.
 */
export class StopConditionWatcher {
  static create(options: StopConditionWatcherOptions): StopConditionWatcher {
    if (options.regions.length === 0) {
      throw new InputError(
        'A stop-condition watcher needs at least one region',
      );
    }
    const checks: Check[] = [];
    options.conditions.forEach((raw, i) => {
      // The grammar every submission is checked with; the metric is spliced into PromQL.
      const { condition, forMs } = parseStopCondition(
        raw,
        `stopConditions.${i}`,
      );
      for (const region of options.regions) {
        checks.push({
          condition,
          forMs,
          region,
          query: `${condition.metric}{region=${promqlString(region)}}`,
        });
      }
    });
    return new StopConditionWatcher(
      checks,
      options.metrics,
      options.failSafe,
      options.clock ?? { now: () => new Date() },
    );
  }

  private constructor(
    private readonly checks: Check[],
    private readonly metrics: MetricsProvider,
    private readonly failSafe: boolean,
    private readonly clock: Clock,
  ) {}

  async evaluate(): Promise<StopConditionVerdict> {
    const readings = await Promise.all(
      this.checks.map(check => this.read(check)),
    );
    const now = this.clock.now().getTime();
    const missing: MissingMetric[] = [];
    this.checks.forEach((check, i) => {
      const reading = readings[i];
      if ('missing' in reading) {
        missing.push({
          metric: check.condition.metric,
          region: check.region,
          query: check.query,
          reason: reading.missing,
        });
      }
      if (check.fired) return;
      const breaching =
        'missing' in reading
          ? this.failSafe
          : holds(check.condition, reading.value);
      if (!breaching) {
        check.since = undefined;
        return;
      }
      const at = 'missing' in reading ? now : reading.at;
      check.since ??= at;
      // A breach must last its `for`; blindness may not: a minute-long `for` must not let a
      // production fault run a minute without metrics.
      const graceMs =
        'missing' in reading
          ? Math.min(check.forMs, MISSING_METRICS_GRACE_MS)
          : check.forMs;
      if (at - check.since >= graceMs) {
        check.fired = {
          metric: check.condition.metric,
          region: check.region,
          op: check.condition.op,
          threshold: check.condition.threshold,
          for: check.condition.for,
          query: check.query,
          ...('missing' in reading
            ? { missing: reading.missing }
            : { value: reading.value }),
          breachedSince: new Date(check.since).toISOString(),
          detectionLatencyMs: Math.max(0, now - check.since),
        };
      }
    });
    const evidence = this.checks.flatMap(c => (c.fired ? [c.fired] : []));
    return {
      breached: evidence.length > 0,
      evaluatedAt: new Date(now).toISOString(),
      evidence,
      missing,
    };
  }

  private async read(check: Check): Promise<Reading> {
    let samples: InstantSample[];
    try {
      samples = await this.metrics.query(check.query);
    } catch (error) {
      return {
        missing: `query failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      };
    }
    if (samples.length === 0) return { missing: 'no sample' };
    const numeric = samples.filter(s => !Number.isNaN(s.value));
    if (numeric.length === 0) return { missing: 'NaN' };
    // Several series for one region (e.g. per cluster): judge the worst.
    const worst = numeric.reduce((a, b) =>
      isWorse(check.condition.op, b.value, a.value) ? b : a,
    );
    return { value: worst.value, at: worst.timestamp };
  }
}

function holds(c: StopCondition, value: number): boolean {
  switch (c.op) {
    case '>':
      return value > c.threshold;
    case '>=':
      return value >= c.threshold;
    case '<':
      return value < c.threshold;
    case '<=':
      return value <= c.threshold;
    default:
      return false;
  }
}

function isWorse(op: StopCondition['op'], a: number, b: number): boolean {
  return op === '>' || op === '>=' ? a > b : a < b;
}
