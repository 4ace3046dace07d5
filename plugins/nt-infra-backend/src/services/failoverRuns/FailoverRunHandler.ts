import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { RunStore } from '../../database/RunStore';
import { ClusterProvider } from '../../providers/clusters/ClusterProvider';
import { DnsProvider } from '../../providers/dns/DnsProvider';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import {
  countersUnusable,
  FailoverMonitor,
  FailoverSample,
  measureFailover,
} from '../failover';
import { ACTIVE_STATES } from '../runs/RunReconciler';
import { RunHandler, RunTick } from '../runs/RunHandler';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';
import {
  applyCut,
  ensurePrimaryEnabled,
  removePrimaryFault,
} from './primaryControl';
import { approveStep } from './approveStep';
import { endingSummary } from './endingSummary';
import { restoreStep } from './restoreStep';
import { UsersTrafficReads } from './usersTrafficReads';

/** Samples kept in memory before they are written to the run (one write per batch). */
const DEFAULT_BATCH_SIZE = 10;

export interface FailoverRunHandlerOptions {
  traffic: TrafficProvider;
  dns: DnsProvider;
  metrics: MetricsProvider;
  clusters: ClusterProvider;
  runs: RunStore;
  logger: LoggerService;
  batchSize?: number;
  trafficReadEveryMs?: number;
  now?: () => Date;
}

/** An abort requested through the API is a transition to `stopping` marked `abort`. */
export function abortRequest(
  run: RunDetail,
): { by: string; reason: string } | undefined {
  const t = [...run.transitions]
    .reverse()
    .find(x => x.to === 'stopping' && x.details?.abort);
  return t && { by: t.actor, reason: t.reason };
}

/**
 * The failover test state machine:
 * approved → starting (record the cut time, read the replication lag, cut the
 * primary) → running (one sample per tick until the RTO is sustained or the
 * observation time is over) → stopping (sample until the hold-down passes,
 * give the primary back, sample until users are served by it again)
 * → completed | failed. Halt-all or an abort gives the primary back at once
 * → aborted. Giving it back is retried every tick until it succeeds, after a
 * restart too: the run never ends with the primary out.
 */
export class FailoverRunHandler implements RunHandler {
  readonly kind = 'failover' as const;
  /** Per run; rebuilt after a restart (they only cache the profile's FQDN). */
  private readonly monitors = new Map<string, FailoverMonitor>();
  /** Samples not yet written to the run; a crash loses at most one batch. */
  private readonly pending = new Map<string, FailoverSample[]>();
  private readonly usersTraffic: UsersTrafficReads;

  constructor(private readonly options: FailoverRunHandlerOptions) {
    this.usersTraffic = new UsersTrafficReads(
      () => this.clock(),
      options.logger,
      options.trafficReadEveryMs,
    );
  }

  async tick(t: RunTick): Promise<void> {
    switch (t.run.state) {
      case 'approved':
        return approveStep(t, this.options.runs);
      case 'starting':
        return this.cut(t);
      case 'running':
        return this.observe(t);
      case 'stopping':
        return this.stop(t);
      default:
        return undefined;
    }
  }

  private clock(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private params(run: RunDetail): FailoverRunParams {
    return run.params as unknown as FailoverRunParams;
  }

  private outcome(run: RunDetail): FailoverRunOutcome {
    return (run.outcome ?? {}) as FailoverRunOutcome;
  }

  private monitorOf(run: RunDetail): FailoverMonitor {
    let monitor = this.monitors.get(run.id);
    if (!monitor) {
      const params = this.params(run);
      monitor = FailoverMonitor.create({
        traffic: this.options.traffic,
        dns: this.options.dns,
        metrics: this.options.metrics,
        target: params.target,
        probeTimeoutMs: params.probeTimeoutMs,
        logger: this.options.logger,
      });
      this.monitors.set(run.id, monitor);
    }
    return monitor;
  }

  /** Stored samples plus the ones of this process not yet written. */
  private samplesOf(run: RunDetail): FailoverSample[] {
    return [
      ...(this.outcome(run).samples ?? []),
      ...(this.pending.get(run.id) ?? []),
    ];
  }

  private async sample(run: RunDetail): Promise<FailoverSample[]> {
    // The sample is dated when it starts, not at the tick's start: the DB
    // work before it would otherwise count as Traffic Manager's delay.
    const sample = await this.monitorOf(run).sample(this.clock());
    const pending = this.pending.get(run.id) ?? [];
    pending.push(sample);
    this.pending.set(run.id, pending);
    return this.samplesOf(run);
  }

  private async flushIfFull(t: RunTick, samples: FailoverSample[]) {
    const pending = this.pending.get(t.run.id) ?? [];
    if (pending.length >= (this.options.batchSize ?? DEFAULT_BATCH_SIZE)) {
      await t.saveOutcome({ samples });
      this.pending.delete(t.run.id);
    }
  }

  /** A transition that also writes every sample; memory is dropped only once it is stored. */
  private async transitionWithSamples(
    t: RunTick,
    to: Parameters<RunTick['transition']>[0],
    reason: string,
    outcome: FailoverRunOutcome,
    extra: { endedAt?: Date; startedAt?: Date } = {},
  ) {
    await t.transition(to, reason, {
      outcome: { ...outcome, samples: this.samplesOf(t.run) },
      ...extra,
    });
    this.pending.delete(t.run.id);
    if (!ACTIVE_STATES.includes(to)) {
      this.monitors.delete(t.run.id);
      this.usersTraffic.forget(t.run.id);
    }
  }

  private measure(
    run: RunDetail,
    outcome: FailoverRunOutcome,
    samples: FailoverSample[],
  ) {
    const params = this.params(run);
    const restore =
      outcome.restore && !outcome.restore.pending ? outcome.restore : undefined;
    return measureFailover({
      cut: outcome.cut!,
      timing: outcome.timing!,
      samples,
      replicationLag: outcome.replicationLag,
      restore: restore && {
        at: restore.at,
        holdDownSeconds: restore.holdDownSeconds,
      },
      cutAnchor: outcome.cutAnchor,
      traffic: outcome.traffic,
      options: {
        sustainedSuccesses: params.sustainedSuccesses,
        rtoTargetSeconds: params.rtoTargetSeconds,
        rpoTargetSeconds: params.rpoTargetSeconds,
      },
    });
  }

  private async cut(t: RunTick) {
    const params = this.params(t.run);
    const outcome = { ...this.outcome(t.run) };
    const halt = t.halted ? 'halt-all engaged' : t.policyStop;
    if (halt) {
      if (!outcome.cut) {
        await t.transition('aborted', `${halt} before the cut`, {
          endedAt: t.now,
        });
      } else {
        await this.toStopping(t, outcome, 'aborted', halt);
      }
      return;
    }
    if (!outcome.cut) {
      const monitor = this.monitorOf(t.run);
      // Read first: the cut time is what detection is measured from, so it
      // is taken as close to the change as possible.
      outcome.replicationLag = await monitor.readReplicationLag();
      // Places the users' request counters on the backend's clock later.
      outcome.cutAnchor = await monitor.readPrometheusClock(() => this.clock());
      outcome.cut = { at: this.clock().toISOString(), method: params.method };
      // Written before the change, so a crash right after it still restores.
      await t.saveOutcome({
        cut: outcome.cut,
        replicationLag: outcome.replicationLag,
        cutAnchor: outcome.cutAnchor,
      });
    }
    try {
      outcome.timing = await applyCut(this.options, t.run.id, params);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Refused before anything changed: the secondary cannot take the users.
      await t.transition('aborted', `not cut: ${error.message}`, {
        endedAt: t.now,
        outcome: { ...outcome, cut: undefined },
      });
      return;
    }
    outcome.cutApplied = true;
    // First sample at once: a disabled endpoint leaves DNS immediately, and
    // waiting for the next tick would date that a whole tick late.
    await this.sample(t.run);
    await this.transitionWithSamples(
      t,
      'running',
      `primary ${params.target.primary.region} cut (${params.method}); sampling`,
      { ...outcome, samples: [] },
      { startedAt: new Date(outcome.cut.at) },
    );
  }

  private async observe(t: RunTick) {
    const params = this.params(t.run);
    const outcome = this.outcome(t.run);
    const halt = t.halted ? 'halt-all engaged' : t.policyStop;
    if (halt) {
      await this.toStopping(t, outcome, 'aborted', halt);
      return;
    }
    const samples = await this.sample(t.run);
    const current = await this.usersTraffic.read(
      t,
      this.monitorOf(t.run),
      outcome,
    );
    const m = this.measure(t.run, current, samples);
    const elapsed =
      (this.clock().getTime() - Date.parse(outcome.cut!.at)) / 1000;
    const secondary = params.target.secondary.region;
    if (m.rto) {
      await this.toStopping(
        t,
        current,
        'completed',
        `users served by ${secondary} again ${m.rto.seconds.toFixed(
          1,
        )} s after the cut (${m.rto.source})`,
      );
    } else if (m.drain?.movedSeconds !== undefined) {
      await this.toStopping(
        t,
        current,
        'completed',
        `users moved to ${secondary} by ${m.drain.movedSeconds.toFixed(
          1,
        )} s after the cut; ${
          m.drain.failedRequests ?? 0
        } user requests failed`,
      );
    } else if (
      !m.traffic?.points.length &&
      countersUnusable(current.cutAnchor, current.traffic) &&
      m.resolverServed &&
      m.dnsSwitch &&
      elapsed >= m.dnsSwitch.seconds + current.timing!.ttlSeconds
    ) {
      // No usable counters: once every cached answer has expired there is
      // nothing more to see; the drain's verdict stays inconclusive.
      await this.toStopping(
        t,
        current,
        'completed',
        `users' request counters unreadable (${
          m.traffic?.error ?? 'no Prometheus clock at the cut'
        }); DNS switched ${m.dnsSwitch.seconds.toFixed(1)} s after the cut`,
      );
    } else if (elapsed >= params.maxObservationSeconds) {
      await this.toStopping(
        t,
        current,
        'completed',
        `no sustained recovery within ${params.maxObservationSeconds} s of observation`,
      );
    } else {
      await this.flushIfFull(t, samples);
    }
  }

  private async toStopping(
    t: RunTick,
    outcome: FailoverRunOutcome,
    ending: FailoverRunOutcome['ending'],
    reason: string,
  ) {
    await this.transitionWithSamples(t, 'stopping', reason, {
      ...outcome,
      ending,
      endingReason: reason,
      observation: outcome.observation ?? {
        endedAt: this.clock().toISOString(),
        reason,
      },
    });
  }

  private async stop(t: RunTick) {
    const outcome = this.outcome(t.run);
    const abort = abortRequest(t.run);
    // A window that ends during the hold-down gives the primary back at once too.
    if (
      t.halted ||
      t.policyStop ||
      outcome.ending === 'aborted' ||
      abort ||
      !outcome.cut
    ) {
      await this.abort(
        t,
        outcome,
        abort
          ? `aborted by ${abort.by}`
          : (outcome.ending === 'aborted' && outcome.endingReason) ||
              t.policyStop ||
              outcome.endingReason ||
              'halt-all engaged',
      );
      return;
    }
    const params = this.params(t.run);
    const samples = await this.sample(t.run);
    if (!outcome.restore || outcome.restore.pending) {
      const step = await restoreStep({
        ...this.options,
        params,
        outcome,
        samples,
        now: this.clock(),
        save: async patch => {
          await t.saveOutcome(patch);
          // Every sample so far is in `patch`: nothing is pending any more.
          if (patch.samples) this.pending.delete(t.run.id);
        },
      });
      if (step === 'holding') await this.flushIfFull(t, samples);
      return;
    }
    const current = await this.usersTraffic.read(
      t,
      this.monitorOf(t.run),
      outcome,
    );
    const m = this.measure(t.run, current, samples);
    const sinceRestore =
      (this.clock().getTime() - Date.parse(outcome.restore.at)) / 1000;
    if (!m.failback?.sustained && sinceRestore < params.maxObservationSeconds) {
      await this.flushIfFull(t, samples);
      return;
    }
    // Both targets gate the test: users back within the RTO (or a drain
    // that failed no request) and data loss within the RPO.
    const passed = m.verdicts.overall === 'passed';
    const failback = m.failback?.sustained
      ? `users back on ${
          params.target.primary.region
        } ${m.failback.sustained.seconds.toFixed(1)} s after the restore`
      : `users not back on ${params.target.primary.region} within ${params.maxObservationSeconds} s`;
    await this.transitionWithSamples(
      t,
      passed ? 'completed' : 'failed',
      `${endingSummary(m)}; ${failback}`,
      { ...current, measurement: m },
      { endedAt: t.now },
    );
  }

  private async abort(t: RunTick, outcome: FailoverRunOutcome, reason: string) {
    const params = this.params(t.run);
    let restore =
      outcome.restore && !outcome.restore.pending ? outcome.restore : undefined;
    if (outcome.cut) {
      // No hold-down: leaving the region out is now the greater risk.
      const changed =
        params.method === 'disable-endpoint'
          ? await ensurePrimaryEnabled(this.options.traffic, params.target)
          : (await removePrimaryFault(this.options.clusters, params.fault!),
            true);
      if (changed) {
        restore ??= { at: this.clock().toISOString() };
      } else if (!restore && outcome.restore) {
        // Recorded (pending) and then done before a crash: the recorded time stands.
        restore = outcome.restore;
      }
    }
    const measured = outcome.cut && outcome.timing;
    const next: FailoverRunOutcome = {
      ...outcome,
      ending: 'aborted',
      endingReason: reason,
      restore: restore && {
        at: restore.at,
        holdDownSeconds: restore.holdDownSeconds,
      },
    };
    await this.transitionWithSamples(
      t,
      'aborted',
      `${reason}; primary given back at once`,
      {
        ...next,
        measurement: measured
          ? this.measure(t.run, next, this.samplesOf(t.run))
          : undefined,
      },
      { endedAt: t.now },
    );
  }
}
