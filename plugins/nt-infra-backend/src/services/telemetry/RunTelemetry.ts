import {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceHistogram,
  TracingService,
} from '@backstage/backend-plugin-api/alpha';
import { ConflictError } from '@backstage/errors';
import { Run, RunDetail, RunState } from '@internal/plugin-nt-infra-common';
import { performance } from 'node:perf_hooks';

/** Start decisions in the audit trail, by the kind of run they start. */
const START_ACTIONS: Record<string, Run['kind']> = {
  'chaos.run.start': 'chaos',
  'failover.run.start': 'failover',
  'gameday.start': 'gameday',
};

/** Stop-condition latency is held to 5 s; the buckets resolve around it. */
const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
const TICK_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/**
 * The portal's own traces and metrics (Backstage's tracing and metrics
 * services, OpenTelemetry underneath): a span per reconciler tick and per
 * run it advances, counters of runs started, rolled back and refused, the
 * stop-condition latency, and the reconciler's health (tick duration,
 * failures, age of the last good tick) for the portal's own alerts.
 */
export class RunTelemetry {
  private lastSuccess: number;

  private constructor(
    private readonly tracing: TracingService,
    private readonly instruments: {
      started: MetricsServiceCounter;
      rolledBack: MetricsServiceCounter;
      refused: MetricsServiceCounter;
      stopLatency: MetricsServiceHistogram;
      tickDuration: MetricsServiceHistogram;
      tickFailures: MetricsServiceCounter;
    },
    private readonly now: () => number,
  ) {
    this.lastSuccess = now();
  }

  static create(options: {
    tracing: TracingService;
    metrics: MetricsService;
    /** Milliseconds; `Date.now` unless a test drives it. */
    now?: () => number;
  }): RunTelemetry {
    const { metrics } = options;
    const telemetry = new RunTelemetry(
      options.tracing,
      {
        started: metrics.createCounter('nt_infra.runs.started', {
          description: 'Runs whose fault or test began (state running)',
        }),
        rolledBack: metrics.createCounter('nt_infra.runs.rolled_back', {
          description: 'Runs ended by a stop condition',
        }),
        refused: metrics.createCounter('nt_infra.runs.refused', {
          description: 'Requests to start a run the guard rails refused',
        }),
        stopLatency: metrics.createHistogram(
          'nt_infra.stop_condition.latency',
          {
            description:
              'From a breach visible to the portal to the fault removed',
            unit: 's',
            advice: { explicitBucketBoundaries: LATENCY_BUCKETS_SECONDS },
          },
        ),
        tickDuration: metrics.createHistogram(
          'nt_infra.reconciler.tick.duration',
          {
            description: 'One pass of the run reconciler over the active runs',
            unit: 's',
            advice: { explicitBucketBoundaries: TICK_BUCKETS_SECONDS },
          },
        ),
        tickFailures: metrics.createCounter(
          'nt_infra.reconciler.tick.failures',
          {
            description:
              'Failed reconciler passes (stage=pass) and failed run advances (stage=run)',
          },
        ),
      },
      options.now ?? Date.now,
    );
    // Lag an alert can see even when no tick runs at all (a stuck scheduler).
    metrics
      .createObservableGauge('nt_infra.reconciler.last_success_age', {
        description: 'Time since the run reconciler last completed a pass',
        unit: 's',
      })
      .addCallback(result =>
        result.observe((telemetry.now() - telemetry.lastSuccess) / 1000),
      );
    return telemetry;
  }

  /** Wraps one reconciler pass; `fn` resolves to the number of runs advanced. */
  tick(fn: () => Promise<number>): Promise<number> {
    return this.tracing.startActiveSpan(
      'nt-infra reconciler tick',
      async span => {
        const started = performance.now();
        try {
          const advanced = await fn();
          span.setAttribute('nt_infra.runs.advanced', advanced);
          this.lastSuccess = this.now();
          return advanced;
        } catch (error) {
          this.instruments.tickFailures.add(1, { stage: 'pass' });
          throw error;
        } finally {
          this.instruments.tickDuration.record(
            (performance.now() - started) / 1000,
          );
        }
      },
    );
  }

  /** Wraps one step of one run, with what identifies the run on the span. */
  advance<T>(run: RunDetail, fn: () => Promise<T>): Promise<T> {
    const step = run.steps.find(s => s.state === 'running');
    return this.tracing.startActiveSpan(
      'nt-infra run tick',
      {
        attributes: {
          'nt_infra.run.id': run.id,
          'nt_infra.run.kind': run.kind,
          'nt_infra.run.environment': run.environment,
          'nt_infra.run.state': run.state,
          ...(step
            ? {
                'nt_infra.run.step.seq': step.seq,
                'nt_infra.run.step.name': step.name,
              }
            : {}),
        },
      },
      async () => {
        try {
          return await fn();
        } catch (error) {
          // A lost race for a transition is how leases work, not a failure.
          if (!(error instanceof ConflictError)) {
            this.instruments.tickFailures.add(1, {
              stage: 'run',
              kind: run.kind,
            });
          }
          throw error;
        }
      },
    );
  }

  /** After a run changed state: counts starts and rollbacks, records rollback latency. */
  transitioned(run: Run, to: RunState, outcome?: Record<string, unknown>) {
    const attributes = { kind: run.kind, environment: run.environment };
    if (to === 'running') {
      this.instruments.started.add(1, attributes);
    }
    if (to === 'rolled-back') {
      this.instruments.rolledBack.add(1, attributes);
    }
    // The chaos handler stores the measured delay when a breach sends the run to stopping.
    const rollback = (outcome as { rollback?: { delayMs?: unknown } })
      ?.rollback;
    if (to === 'stopping' && typeof rollback?.delayMs === 'number') {
      this.instruments.stopLatency.record(rollback.delayMs / 1000, {
        environment: run.environment,
      });
    }
  }

  /** From the audit trail: a refused start, whichever way it was asked for. */
  audited(event: {
    action: string;
    decision: string;
    targetType?: string;
    targetId?: string;
    details?: Record<string, unknown>;
  }) {
    const kind = START_ACTIONS[event.action];
    if (!kind || event.decision !== 'denied') return;
    // Chaos refusals name `environment/regions`, failover ones the
    // environment; GameDay (a scenario) and at-start (a run) refusals carry it
    // in their details.
    const named = event.details?.environment;
    let environment: string | undefined;
    if (typeof named === 'string') environment = named;
    else if (event.targetType === 'environment') {
      environment = event.targetId?.split('/')[0];
    }
    this.instruments.refused.add(1, {
      kind,
      ...(environment ? { environment } : {}),
    });
  }
}
