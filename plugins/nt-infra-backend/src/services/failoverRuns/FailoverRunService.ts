import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { createHash, randomUUID } from 'node:crypto';
import { AuditStore } from '../../database/AuditStore';
import { RunStore } from '../../database/RunStore';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { failoverTargetOf } from '../failover';
import { endpointOrThrow } from '../failover/cutPrimary';
import { RunPolicy } from '../policy';
import { ACTIVE_STATES } from '../runs/RunReconciler';
import { FailoverRunRequest } from './failoverRunRequest';
import { FailoverRunParams, FailoverSettings } from './failoverRunTypes';
import { faultName } from './primaryControl';
import { FailoverTestView, failoverTestView } from './failoverTestView';

export interface FailoverRunServiceOptions {
  environments: EnvironmentCatalog;
  traffic: TrafficProvider;
  runs: RunStore;
  audit: AuditStore;
  /** The guard rails every run kind shares (halt, production windows). */
  policy: RunPolicy;
  settings: FailoverSettings;
  /** Namespace of the serving workload the `unhealthy` method fails. */
  workloadNamespace: string;
}

/** The workload whose pods serve a region's users (what `unhealthy` takes down). */
const SERVING_WORKLOAD = 'ntai-api';

/**
 * Starts and aborts failover tests: has the run policy check the guard rails
 * (halt-all, a production window, one test per environment, a healthy
 * secondary), records the run idempotently for the reconciler and audits
 * every decision.
 */
export class FailoverRunService {
  constructor(private readonly options: FailoverRunServiceOptions) {}

  async start(
    request: FailoverRunRequest,
    requestedBy: string,
    idempotencyKey?: string,
  ): Promise<{ run: Run; created: boolean }> {
    const { environments, runs, settings } = this.options;
    const env = environments.get(request.environment);
    const primary = env.regions.find(r => r.role === 'primary');
    if (primary?.name !== request.fromRegion) {
      throw new InputError(
        `Invalid body field 'fromRegion': '${request.fromRegion}' is not the primary region of ${env.name} (${primary?.name})`,
      );
    }
    const target = failoverTargetOf(env, settings.healthUrls[env.name] ?? {});
    const idempotency = idempotencyKey && {
      key: idempotencyKey,
      operation: 'failover.run',
      requestHash: createHash('sha256')
        .update(JSON.stringify(request))
        .digest('hex'),
    };
    const active = await runs.listRuns(
      {
        kind: 'failover',
        environment: env.name,
        state: ['pending-approval', ...ACTIVE_STATES],
      },
      { limit: 1 },
    );
    const current = active.items[0];
    // A replay of the request that started the active test gets that test.
    if (
      current &&
      idempotency &&
      current.requestedBy === requestedBy &&
      (current.params as Partial<FailoverRunParams>).idempotencyKey ===
        idempotencyKey
    ) {
      return runs.createRun(
        this.newRun(request, requestedBy, target, idempotencyKey),
        idempotency,
      );
    }
    const decision = await this.options.policy.evaluate({
      kind: 'failover',
      environment: env.name,
      regions: [request.fromRegion],
      requestedBy,
      conflicts: current
        ? [`failover test ${current.id} is already active in ${env.name}`]
        : [],
      lateCheck: () => this.secondaryProblem(target),
    });
    await this.options.policy.enforce(decision, requestedBy, {
      action: 'failover.run.start',
      targetType: 'environment',
      targetId: env.name,
      details: { request },
    });
    const windowId = decision.window?.id;
    const result = await runs.createRun(
      this.newRun(
        request,
        requestedBy,
        target,
        idempotencyKey,
        decision.window,
      ),
      idempotency || undefined,
    );
    if (result.created) {
      await this.options.audit.append({
        actor: requestedBy,
        action: 'failover.run.start',
        targetType: 'run',
        targetId: result.run.id,
        decision: 'allowed',
        reason: `guard rails passed: no halt, no other test, secondary Online${
          windowId ? `, inside approved window ${windowId}` : ''
        }`,
        details: { request, ...(windowId ? { windowId } : {}) },
      });
    }
    return result;
  }

  private newRun(
    request: FailoverRunRequest,
    requestedBy: string,
    target: FailoverRunParams['target'],
    idempotencyKey?: string,
    window?: { id: string; endsAt: string },
  ) {
    const { settings } = this.options;
    const maxObservationSeconds = settings.maxObservationSeconds;
    const primary = this.options.environments
      .get(request.environment)
      .regions.find(r => r.role === 'primary')!;
    const params: FailoverRunParams = {
      method: request.method,
      target,
      holdDownSeconds: request.holdDownSeconds ?? settings.holdDownSeconds,
      sustainedSuccesses: settings.sustainedSuccesses,
      probeTimeoutMs: settings.probeTimeoutMs,
      maxObservationSeconds,
      rtoTargetSeconds: request.rtoTargetSeconds ?? settings.rtoSeconds,
      rpoTargetSeconds: request.rpoTargetSeconds ?? settings.rpoSeconds,
      fault:
        request.method === 'unhealthy'
          ? {
              cluster: primary.cluster,
              kind: 'PodChaos',
              namespace: this.options.workloadNamespace,
              // Named per test; the run id is not known yet.
              name: faultName(randomUUID()),
              workload: SERVING_WORKLOAD,
              // A safety net should the portal never come back: observation,
              // hold-down and failback, twice over.
              durationSeconds: 2 * (2 * maxObservationSeconds + 3600),
            }
          : undefined,
      idempotencyKey: idempotencyKey || undefined,
      // Carried so every tick can give the primary back when its window ends.
      windowId: window?.id,
      windowEndsAt: window?.endsAt,
    };
    return {
      kind: 'failover' as const,
      environment: request.environment,
      regions: [target.primary.region, target.secondary.region],
      title: `Failover test: ${target.primary.region} → ${target.secondary.region} (${request.method})`,
      requestedBy,
      params: params as unknown as Record<string, unknown>,
      state: 'approved' as const,
      reason: `${request.environment} failover test requested`,
    };
  }

  /** Why the secondary could not take the users now, if it could not. */
  private async secondaryProblem(
    target: FailoverRunParams['target'],
  ): Promise<string | undefined> {
    const profile = await this.options.traffic.getProfile(target.profile);
    const secondary = endpointOrThrow(profile, target.secondary.endpoint);
    const primary = endpointOrThrow(profile, target.primary.endpoint);
    if (
      secondary.endpointStatus !== 'Enabled' ||
      secondary.endpointMonitorStatus !== 'Online'
    ) {
      return `the secondary '${secondary.name}' is ${
        secondary.endpointStatus === 'Enabled'
          ? secondary.endpointMonitorStatus ?? 'not monitored'
          : 'disabled'
      }, not Enabled and Online`;
    }
    if (primary.endpointStatus !== 'Enabled') {
      return `the primary '${primary.name}' is already disabled`;
    }
    return undefined;
  }

  async get(id: string): Promise<FailoverTestView> {
    return failoverTestView(await this.failoverRun(id));
  }

  /**
   * Ends a test: one not yet started ends at once; a started one goes to
   * `stopping`, marked as an abort, where the reconciler gives the primary
   * back without waiting for the hold-down.
   */
  async abort(
    id: string,
    actor: string,
    reason?: string,
  ): Promise<FailoverTestView> {
    const { runs } = this.options;
    const why = `aborted by ${actor}${reason ? `: ${reason}` : ''}`;
    // The reconciler may move the run between our read and write: retry.
    for (let attempt = 0; ; attempt++) {
      const run = await this.failoverRun(id);
      if (
        !ACTIVE_STATES.includes(run.state) &&
        run.state !== 'pending-approval'
      ) {
        throw new ConflictError(
          `Failover test '${id}' is ${run.state}; it cannot be aborted`,
        );
      }
      try {
        if (run.state === 'approved' || run.state === 'pending-approval') {
          await runs.transition(id, {
            from: [run.state],
            to: 'aborted',
            actor,
            reason: why,
            endedAt: new Date(),
          });
        } else {
          // No outcome here: the reconciler owns it (samples are written concurrently).
          await runs.transition(id, {
            from: [run.state],
            to: 'stopping',
            actor,
            reason: why,
            details: { abort: true },
          });
        }
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 4) throw error;
      }
    }
    await this.options.audit.append({
      actor,
      action: 'failover.run.abort',
      targetType: 'run',
      targetId: id,
      decision: 'allowed',
      reason: reason ?? 'aborted',
    });
    return this.get(id);
  }

  private async failoverRun(id: string): Promise<RunDetail> {
    const run = await this.options.runs.getRun(id);
    if (!run || run.kind !== 'failover') {
      throw new NotFoundError(`Failover test '${id}' not found`);
    }
    return run;
  }
}
