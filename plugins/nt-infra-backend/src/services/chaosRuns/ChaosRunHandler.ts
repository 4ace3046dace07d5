import { LoggerService } from '@backstage/backend-plugin-api';
import { RunDetail } from '@internal/plugin-nt-infra-common';
import { AuditStore } from '../../database/AuditStore';
import { HaltEngagedError } from '../../database/haltLock';
import { ClusterProvider } from '../../providers/clusters/ClusterProvider';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { pinTargets, StopConditionWatcher } from '../chaos';
import { RunHandler, RunTick } from '../runs/RunHandler';
import {
  AppliedResource,
  ChaosRunOutcome,
  ChaosRunParams,
} from './chaosRunParams';

/**
 * The chaos run state machine:
 * approved → (re-check blast radius and halt, apply pinned faults) → running
 * → (duration over | stop condition breached | halted) → stopping
 * → (every fault deleted and confirmed gone) → completed | rolled-back | aborted.
 * A breached stop condition deletes the faults in the same tick that sees
 * it; `stopping` then confirms and is retried until the cluster agrees.
 */
export class ChaosRunHandler implements RunHandler {
  readonly kind = 'chaos' as const;
  /** Per-run stop-condition state; rebuilt after a restart (it then re-counts `for`). */
  private readonly watchers = new Map<string, StopConditionWatcher>();

  constructor(
    private readonly options: {
      clusters: ClusterProvider;
      metrics: MetricsProvider;
      logger: LoggerService;
      /** Where a run refused by the engine itself (unwatchable stop conditions) is recorded. */
      audit?: AuditStore;
      now?: () => Date;
    },
  ) {}

  async tick(t: RunTick): Promise<void> {
    switch (t.run.state) {
      case 'approved':
        return this.start(t);
      case 'running':
        return this.watch(t);
      case 'stopping':
        return this.stop(t);
      default:
        return undefined;
    }
  }

  private params(run: RunDetail): ChaosRunParams {
    return run.params as unknown as ChaosRunParams;
  }

  private outcome(run: RunDetail): ChaosRunOutcome {
    return (run.outcome ?? {}) as ChaosRunOutcome;
  }

  private async start(t: RunTick) {
    const params = this.params(t.run);
    if (t.halted) {
      await t.transition(
        'aborted',
        'halt-all is engaged; nothing was applied',
        {
          endedAt: t.now,
        },
      );
      return;
    }
    const refused = await t.policyAtStart?.();
    if (refused) {
      await t.transition(
        'aborted',
        `refused by policy at start: ${refused}; nothing was applied`,
        { endedAt: t.now },
      );
      return;
    }
    // A fault is only applied once its stop conditions are being watched.
    let watcher: StopConditionWatcher | undefined;
    try {
      watcher = this.createWatcher(t.run);
    } catch (error) {
      await this.failUnwatchable(t, error);
      return;
    }
    // Pods change between approval and start: re-check the exact targets.
    if (!t.recheckBlastRadius) {
      await t.transition(
        'aborted',
        'no run policy to re-check the blast radius at start; nothing was applied',
        { endedAt: t.now },
      );
      return;
    }
    const rechecks = await t.recheckBlastRadius(params);
    const recheck = rechecks.map(({ plan, result }) => ({
      region: plan.region,
      unchanged: result.unchanged,
      changes: result.changes,
    }));
    const overLimit = rechecks.filter(
      ({ result }) =>
        result.blastRadius.targets.length === 0 ||
        result.blastRadius.fraction > params.maxFraction,
    );
    if (overLimit.length > 0) {
      await t.transition(
        'aborted',
        `blast radius re-check failed at start: ${overLimit
          .map(
            ({ plan, result }) =>
              `${plan.region} ${result.blastRadius.targets.length}/${result.blastRadius.matching.length} pods`,
          )
          .join(', ')} (limit ${Math.round(params.maxFraction * 100)}%)`,
        { outcome: { recheck }, endedAt: t.now },
      );
      return;
    }

    // The re-check above takes a while: the switch may have been pulled since the tick began.
    if (await t.haltEngaged?.()) {
      await t.transition(
        'aborted',
        'halt-all was engaged before the fault was applied; nothing was applied',
        { outcome: { recheck }, endedAt: t.now },
      );
      return;
    }
    const applied: AppliedResource[] = rechecks.map(({ plan }) => ({
      region: plan.region,
      cluster: plan.cluster,
      kind: params.resource.kind,
      namespace: params.resource.metadata.namespace,
      name: params.resource.metadata.name,
    }));
    // Recorded before creating, so a crash in between still cleans up.
    await t.saveOutcome({ applied, recheck });
    for (const { plan, result } of rechecks) {
      await this.options.clusters.createChaos(
        plan.cluster,
        pinTargets(params.resource, result.blastRadius.targets),
        t.run.id,
      );
    }
    // Pulled while the faults were being created: never report the run as
    // running; the stopping state removes what was just applied.
    if (await t.haltEngaged?.()) {
      await this.toStopping(
        t,
        'aborted',
        'halt-all was engaged while the fault was being applied',
        { applied, recheck },
      );
      return;
    }
    try {
      // Under the switch's lock: a halt pulled since the check above wins.
      await t.transition(
        'running',
        `fault applied to ${rechecks
          .map(
            ({ plan, result }) =>
              `${result.blastRadius.targets.length} pod(s) in ${plan.region}`,
          )
          .join(', ')}`,
        {
          startedAt: t.now,
          unlessHalted: true,
          details: {
            targets: rechecks.map(({ plan, result }) => ({
              region: plan.region,
              pods: result.blastRadius.targets.map(
                p => `${p.namespace}/${p.name}`,
              ),
            })),
          },
        },
      );
    } catch (error) {
      if (!(error instanceof HaltEngagedError)) throw error;
      await this.toStopping(
        t,
        'aborted',
        'halt-all was engaged while the fault was being applied',
        { applied, recheck },
      );
      return;
    }
    if (watcher) {
      this.watchers.set(t.run.id, watcher);
    }
  }

  private async watch(t: RunTick) {
    const params = this.params(t.run);
    if (t.halted) {
      await this.toStopping(t, 'aborted', 'halt-all engaged');
      return;
    }
    if (t.policyStop) {
      // The stopping state deletes the faults and confirms they are gone.
      await this.toStopping(t, 'rolled-back', t.policyStop);
      return;
    }
    const startedAt = Date.parse(t.run.startedAt ?? t.run.updatedAt);
    if (t.now.getTime() >= startedAt + params.durationMs) {
      await this.toStopping(t, 'completed', 'duration over');
      return;
    }
    if (params.stopConditions.length === 0) {
      return;
    }
    let watcher = this.watchers.get(t.run.id);
    if (!watcher) {
      try {
        watcher = this.createWatcher(t.run)!;
      } catch (error) {
        // Checked at start, so only a run stored by an older version gets
        // here: a fault nobody watches must not keep running.
        await this.toStopping(
          t,
          'failed',
          `stop conditions cannot be watched: ${errorMessage(error)}`,
        );
        return;
      }
      this.watchers.set(t.run.id, watcher);
    }
    const clock = this.options.now ?? (() => new Date());
    const observedAt = clock();
    const verdict = await watcher.evaluate();
    if (!verdict.breached) {
      return;
    }
    // Roll back in this tick: the target is the fault gone within seconds.
    await this.removeFaults(this.outcome(t.run).applied ?? []);
    const removedAt = clock();
    // Both ends on the portal's clock; the samples' own timestamps (the
    // metrics system's clock) stay in the evidence.
    const rollback = {
      evidence: verdict.evidence,
      breachVisibleAt: observedAt.toISOString(),
      faultRemovedAt: removedAt.toISOString(),
      delayMs: removedAt.getTime() - observedAt.getTime(),
    };
    const first = verdict.evidence[0];
    await this.toStopping(
      t,
      'rolled-back',
      `stop condition ${first.metric} ${first.op} ${first.threshold} in ${
        first.region
      }${first.missing ? ` (${first.missing})` : ` (value ${first.value})`}`,
      { rollback },
    );
  }

  /** Undefined when the run has no stop conditions; throws when one cannot be watched. */
  private createWatcher(run: RunDetail): StopConditionWatcher | undefined {
    const params = this.params(run);
    const conditions = params.stopConditions ?? [];
    if (conditions.length === 0) {
      return undefined;
    }
    return StopConditionWatcher.create({
      conditions,
      // Runs created before metricsRegions existed watch by region name.
      regions: params.metricsRegions ?? run.regions,
      metrics: this.options.metrics,
      failSafe: params.failSafe,
    });
  }

  private async failUnwatchable(t: RunTick, error: unknown) {
    const reason = `stop conditions cannot be watched: ${errorMessage(
      error,
    )}; nothing was applied`;
    await t.transition('failed', reason, { endedAt: t.now });
    this.options.logger.warn(`Run ${t.run.id}: ${reason}`);
    await this.options.audit?.append({
      actor: 'nt-infra',
      action: 'chaos.run.start',
      targetType: 'run',
      targetId: t.run.id,
      decision: 'denied',
      reason,
      details: {
        environment: t.run.environment,
        stopConditions: this.params(t.run).stopConditions,
      },
    });
  }

  private async toStopping(
    t: RunTick,
    ending: NonNullable<ChaosRunOutcome['ending']>,
    reason: string,
    extra: Partial<ChaosRunOutcome> = {},
  ) {
    this.watchers.delete(t.run.id);
    await t.transition('stopping', reason, {
      outcome: {
        ...this.outcome(t.run),
        ...extra,
        ending,
        endingReason: reason,
      },
    });
  }

  private async stop(t: RunTick) {
    this.watchers.delete(t.run.id);
    const outcome = this.outcome(t.run);
    const applied = await this.faultsOf(t.run);
    await this.removeFaults(applied);
    for (const a of applied) {
      const left = await this.options.clusters.getChaos(
        a.cluster,
        a.kind,
        a.namespace,
        a.name,
      );
      if (left) {
        throw new Error(
          `${a.kind} ${a.namespace}/${a.name} still exists in ${a.cluster}`,
        );
      }
    }
    const ending = outcome.ending ?? 'aborted';
    const why = outcome.endingReason ?? 'stopped';
    await t.transition(
      ending,
      applied.length > 0
        ? `faults removed (${why})`
        : `nothing was applied (${why})`,
      { endedAt: t.now },
    );
  }

  /**
   * What the run recorded as applied, and whatever carries its label in its
   * clusters: a Stop that arrived while the start was creating the fault
   * wrote its outcome from a read made before the fault was recorded.
   */
  private async faultsOf(run: RunDetail): Promise<AppliedResource[]> {
    const params = this.params(run);
    const found = new Map<string, AppliedResource>();
    for (const a of this.outcome(run).applied ?? []) {
      found.set(`${a.cluster}/${a.kind}/${a.namespace}/${a.name}`, a);
    }
    const clusters = [...new Set(params.plans.map(p => p.cluster))];
    for (const cluster of clusters) {
      const region = params.plans.find(p => p.cluster === cluster)!.region;
      for (const r of await this.options.clusters.listManagedChaos(
        cluster,
        run.id,
      )) {
        const a: AppliedResource = {
          region,
          cluster,
          kind: r.kind,
          namespace: r.metadata.namespace,
          name: r.metadata.name,
        };
        found.set(`${cluster}/${a.kind}/${a.namespace}/${a.name}`, a);
      }
    }
    return [...found.values()];
  }

  private async removeFaults(applied: AppliedResource[]) {
    await Promise.all(
      applied.map(a =>
        this.options.clusters.deleteChaos(
          a.cluster,
          a.kind,
          a.namespace,
          a.name,
        ),
      ),
    );
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
